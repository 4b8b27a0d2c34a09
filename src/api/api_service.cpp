#include "api/api_service.hpp"

#include <charconv>
#include <chrono>
#include <future>
#include <iostream>
#include <shared_mutex>
#include <stdexcept>

#include "api/api_error.hpp"
#include "api/routes.hpp"
#include "app/sha256_hex.hpp"

namespace phongdich::api {

namespace {

// The options that could not work, refused before anything starts.
ApiServiceOptions checked(ApiServiceOptions options) {
  // The flusher waits this long between rounds: at 0 it would spin on a core.
  if (options.audit_flush_interval <= std::chrono::milliseconds::zero()) {
    throw std::invalid_argument("ApiServiceOptions::audit_flush_interval must be positive");
  }
  return options;
}

// The standby's connections for the concurrent reads, when one is configured.
std::optional<ReaderPool::Standby> standby_of(const ApiServiceOptions& options) {
  if (options.standby_url.empty()) return std::nullopt;
  ReaderPool::Standby standby;
  standby.open = [url = options.standby_url] { return open_store(url, OpenMode::read_only); };
  standby.max_lag_ms = options.max_standby_lag_ms;
  return standby;
}

int64_t system_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The POSTs that need no idempotency key: logging in and out write nothing a
// retry could duplicate.
bool needs_idempotency_key(const Route& route) {
  return route.method == "POST" && route.pattern != "/api/v1/auth/login" &&
         route.pattern != "/api/v1/auth/logout";
}

bool valid_idempotency_key(const std::string& key) {
  if (key.empty() || key.size() > 128) return false;
  for (char c : key) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

HttpResponse error_response(const ApiError& error) {
  HttpResponse response;
  response.status = error.status;
  response.body = error_body(error);
  if (!error.retry_after.empty()) response.headers.emplace_back("Retry-After", error.retry_after);
  if (error.status == 401) response.headers.emplace_back("WWW-Authenticate", "Bearer");
  return response;
}

// A failure that is no refusal (the store failing a commit): logged here, and
// answered without its detail, which may name tables or paths.
HttpResponse internal_error(const std::exception_ptr& failure, const HttpRequest& request) {
  try {
    std::rethrow_exception(failure);
  } catch (const ApiError& error) {
    return error_response(error);
  } catch (const StoreUnavailable& e) {
    std::cerr << "phongdich serve: store unavailable on " << request.method << " " << request.path
              << ": " << e.what() << "\n";
    return error_response(store_unavailable());
  } catch (const std::exception& e) {
    std::cerr << "phongdich serve: internal error on " << request.method << " " << request.path
              << ": " << e.what() << "\n";
  } catch (...) {
    std::cerr << "phongdich serve: internal error on " << request.method << " " << request.path
              << "\n";
  }
  return error_response(api_error(500, "internal", "Lỗi hệ thống, vui lòng thử lại sau",
                                  "Internal error, please try again later"));
}

ApiError denied(Denial denial) {
  switch (denial) {
    case Denial::outside_area:
      return {403,
              "access.area",
              "Bản ghi nằm ngoài địa bàn được giao cho tài khoản này",
              "The record lies outside this account's area",
              {},
              {}};
    case Denial::not_own_record:
      return {403,
              "access.own_record",
              "Người dân chỉ xem được hồ sơ của chính mình",
              "A citizen may see only their own record",
              {},
              {}};
    case Denial::role_lacks_permission:
    case Denial::none:
      break;
  }
  return {403,
          "access.role",
          "Vai trò của tài khoản này không được làm việc này",
          "This account's role may not do this",
          {},
          {}};
}

}  // namespace

Date vietnam_date(int64_t unix_ms) {
  constexpr int64_t kDayMs = 86'400'000;
  constexpr int64_t kUtcPlus7Ms = 7 * 3'600'000;
  const int64_t shifted = unix_ms + kUtcPlus7Ms;
  const int64_t days = shifted >= 0 ? shifted / kDayMs : -((-shifted + kDayMs - 1) / kDayMs);
  return Date::from_days(static_cast<int32_t>(days));
}

Subject RouteContext::subject() const {
  return Subject{user().role, user().area_id, user().person_id};
}

Registry& RouteContext::registry() { return service.registry(); }

Surveillance& RouteContext::surveillance() { return service.surveillance(); }

Store& RouteContext::store() { return reader != nullptr ? *reader : registry().store(); }

void RouteContext::audit(const std::string& action, const std::string& target, AreaId area,
                         const std::string& outcome, const std::string& detail) {
  AuditEvent event;
  if (session) {
    event.user_id = user().id;
    event.actor = user().username;
  }
  event.action = action;
  event.target = target;
  event.area_id = area;
  event.remote = request.remote;
  event.outcome = outcome;
  event.detail = detail;
  service.record_audit(event, now_ms, in_write);
}

void RouteContext::require(Permission permission, AreaId area, std::optional<PersonId> person,
                           const std::string& action, const std::string& target) {
  const AccessDecision decision = decide(registry().areas(), subject(), permission, area, person);
  if (decision.allowed()) return;
  // A refused attempt at personal data or administration is itself audited.
  if (!action.empty())
    audit(action, target, area, "denied", std::string(permission_name(permission)));
  throw denied(decision.denial);
}

ApiService::ApiService(Registry& registry, ApiServiceOptions options)
    : registry_(registry),
      surveillance_(registry),
      options_(checked(std::move(options))),
      accounts_(registry.store(), registry.areas(), options_.accounts),
      audit_(registry.store()),
      throttle_(options_.login_attempts_per_minute),
      readers_([&registry] { return registry.open_connection(OpenMode::read_only); },
               standby_of(options_), [this] { return options_.clock_ms(); }),
      writer_(registry.store(), options_.max_commit_group, [this] {
        // The index may show writes that were just rolled back.
        std::unique_lock state(state_lock_);
        registry_.drop_index();
        surveillance_.drop_derived_state();
      }) {
  if (!options_.clock_ms) options_.clock_ms = system_clock_ms;
  add_health_routes(router_);
  add_auth_routes(router_);
  add_area_routes(router_);
  add_person_routes(router_);
  add_dose_routes(router_);
  add_surveillance_routes(router_);
  add_household_routes(router_);
  add_import_routes(router_);
  add_report_routes(router_);
  add_user_routes(router_);
  add_audit_routes(router_);
  if (options_.checkpoint_interval.count() > 0) {
    writer_.run([&registry] { registry.store().set_checkpoint_on_commit(false); },
                GroupCommitter::Grouping::alone);
    checkpointer_ = std::make_unique<BackgroundCheckpointer>(
        [&registry] { return registry.open_connection(OpenMode::read_write); },
        options_.checkpoint_interval, [this] { checkpoint_on_writer(); },
        options_.writer_checkpoint_frames);
  }
  if (options_.audit_index_interval.count() > 0 && registry.store().audit_index_needs_upkeep()) {
    audit_indexer_ = std::make_unique<BackgroundAuditIndexer>(
        [&registry] { return registry.open_connection(OpenMode::read_only); },
        options_.audit_index_interval);
  }
  audit_flusher_ = std::jthread([this](std::stop_token stop) { flush_periodically(stop); });
  if (options_.change_feed) {
    catch_up_ = std::make_unique<ChangeCatchUp>(*this, options_.change_feed);
  }
  ImportJobs::Options imports;
  imports.dir = options_.import_dir;
  imports.batch_rows = options_.import_batch_rows;
  imports.exclusive = [this](const std::function<void()>& step) {
    run_exclusive(step, GroupCommitter::Grouping::alone);
  };
  imports.today = [this] { return options_.today.value_or(vietnam_date(options_.clock_ms())); };
  imports.clock_ms = [this] { return options_.clock_ms(); };
  imports.audit = [this](const AuditEvent& event, int64_t at_ms) {
    record_audit(event, at_ms, false);
  };
  imports_ = std::make_unique<ImportJobs>(registry_, std::move(imports));
}

ApiService::~ApiService() {
  audit_indexer_.reset();  // what it has not indexed, the next start does
  imports_.reset();        // its last audit entry is flushed below
  catch_up_.reset();
  audit_flusher_.request_stop();
  audit_flusher_.join();
  flush_audit();
  if (checkpointer_) {
    checkpointer_.reset();
    try {
      // The store outlives this service: its next user checkpoints by itself.
      writer_.run([this] { registry_.store().set_checkpoint_on_commit(true); },
                  GroupCommitter::Grouping::alone);
    } catch (const std::exception& e) {
      std::cerr << "phongdich serve: " << e.what() << "\n";
    }
  }
}

void ApiService::checkpoint_on_writer() {
  if (writer_checkpoint_queued_.exchange(true)) return;  // one is waiting already
  writer_.submit(
      [this] {
        writer_checkpoint_queued_ = false;
        registry_.store().checkpoint();
      },
      GroupCommitter::Grouping::alone,
      [](std::exception_ptr failure) {
        // Not fatal: the background checkpoints go on, and past its backstop
        // size the writer's commits checkpoint by themselves.
        if (failure) {
          try {
            std::rethrow_exception(failure);
          } catch (const std::exception& e) {
            std::cerr << "phongdich serve: checkpoint on the writer failed: " << e.what() << "\n";
          }
        }
      });
}

void ApiService::flush_periodically(std::stop_token stop) {
  while (!stop.stop_requested()) {
    {
      std::unique_lock wait_lock(flusher_mutex_);
      flusher_wake_.wait_for(wait_lock, stop, options_.audit_flush_interval,
                             [this] { return flush_requested_; });
      flush_requested_ = false;
    }
    flush_audit();
  }
}

void ApiService::record_audit(const AuditEvent& event, int64_t at_ms, bool in_write) {
  if (in_write) {
    audit_.append(event, at_ms);
    return;
  }
  size_t waiting = 0;
  {
    std::lock_guard lock(audit_queue_mutex_);
    pending_audit_.emplace_back(event, at_ms);
    waiting = pending_audit_.size();
  }
  if (waiting == options_.audit_flush_entries) {
    // Not flushed here: a read may hold the shared lock, and the flush runs
    // on the writer thread (lock order).
    std::lock_guard lock(flusher_mutex_);
    flush_requested_ = true;
    flusher_wake_.notify_one();
  }
}

void ApiService::run_exclusive(const std::function<void()>& work,
                               GroupCommitter::Grouping grouping) {
  writer_.run(
      [&] {
        std::unique_lock state(state_lock_);
        work();
      },
      grouping);
  ++writes_;  // `work` may have changed what the cached reports read
}

void ApiService::flush_audit() {
  {
    std::lock_guard lock(audit_queue_mutex_);
    if (pending_audit_.empty()) return;  // no trip to the writer for nothing
  }
  try {
    // Alone, in a transaction of its own: if it fails, flush_audit_locked
    // keeps the entries for the next flush.
    writer_.run([this] { flush_audit_locked(); }, GroupCommitter::Grouping::alone);
  } catch (const std::exception& e) {
    // The entries stay queued for the next flush (see flush_audit_locked).
    std::cerr << "phongdich serve: audit entries not yet written: " << e.what() << "\n";
  }
}

void ApiService::flush_audit_locked() {
  std::vector<std::pair<AuditEvent, int64_t>> batch;
  {
    std::lock_guard lock(audit_queue_mutex_);
    batch.swap(pending_audit_);
  }
  if (batch.empty()) return;
  try {
    audit_.append_all(batch);
  } catch (const std::exception& e) {
    // Kept for the next flush, ahead of what arrived since; the store may be
    // busy (another process writing).
    std::cerr << "phongdich serve: audit entries not yet written: " << e.what() << "\n";
    std::lock_guard lock(audit_queue_mutex_);
    batch.insert(batch.end(), std::make_move_iterator(pending_audit_.begin()),
                 std::make_move_iterator(pending_audit_.end()));
    pending_audit_.swap(batch);
  }
}

std::optional<std::string> ApiService::cached_report(const std::string& key) const {
  std::lock_guard lock(reports_mutex_);
  const auto it = reports_.find(key);
  if (it == reports_.end() || it->second.first != writes_.load()) return std::nullopt;
  return it->second.second;
}

void ApiService::cache_report(const std::string& key, std::string body) {
  std::lock_guard lock(reports_mutex_);
  if (reports_.size() >= 4096) reports_.clear();  // bounded: a few areas are asked often
  reports_[key] = {writes_.load(), std::move(body)};
}

std::optional<AuthenticatedSession> ApiService::authenticate(const std::string& token,
                                                             int64_t now_s) {
  const std::string key = Accounts::hash_token(token);
  {
    std::lock_guard lock(sessions_mutex_);
    if (const auto it = sessions_.find(key); it != sessions_.end()) {
      if (now_s < it->second.check_again_at && now_s < it->second.session.expires_at) {
        return it->second.session;
      }
      sessions_.erase(it);
    }
  }
  std::optional<AuthenticatedSession> session;
  writer_.run([&] { session = accounts_.authenticate(token, now_s); });
  if (session) {
    std::lock_guard lock(sessions_mutex_);
    if (sessions_.size() >= 100'000) sessions_.clear();
    sessions_[key] = {*session, std::min(session->expires_at, now_s + 30)};
  }
  return session;
}

void ApiService::forget_sessions() {
  std::lock_guard lock(sessions_mutex_);
  sessions_.clear();
}

HttpResponse ApiService::handle(HttpRequest& request) {
  std::promise<HttpResponse> answer;
  std::future<HttpResponse> result = answer.get_future();
  handle_async(request,
               [&answer](HttpResponse response) { answer.set_value(std::move(response)); });
  return result.get();
}

void ApiService::handle_async(HttpRequest& request, Reply reply) {
  const int64_t now = options_.clock_ms();
  std::string log_user;
  try {
    dispatch(request, now, log_user, reply);
  } catch (const ApiError& error) {
    HttpResponse response = error_response(error);
    response.log_user = std::move(log_user);
    reply(std::move(response));
  } catch (const StoreUnavailable&) {
    // A read (or a session lookup) that found the database gone: the server
    // reconnects by itself at a later request (store/postgres/pg_connection.hpp).
    HttpResponse response = error_response(store_unavailable());
    response.log_user = std::move(log_user);
    reply(std::move(response));
  }
}

void ApiService::dispatch(HttpRequest& request, int64_t now, std::string& log_user,
                          const Reply& reply) {
  const RouteMatch match = router_.match(request.method, request.path);
  if (match.route == nullptr) {
    if (match.path_known) {
      throw api_error(405, "method_not_allowed", "Phương thức không được hỗ trợ cho đường dẫn này",
                      "Method not allowed for this path");
    }
    throw not_found("đường dẫn", "Path");
  }
  const Route& route = *match.route;
  if (route.store_use == StoreUse::none) {
    RouteContext context{*this, request, match.params, std::nullopt, now, Date{}};
    return reply(route.handler(context));
  }
  // Shared with the writer thread when the request goes there.
  auto context = std::make_shared<RouteContext>(RouteContext{
      *this, request, match.params, std::nullopt, now, options_.today.value_or(vietnam_date(now))});
  if (route.access != RouteAccess::public_route) {
    const std::string authorization = request.header("authorization").value_or("");
    constexpr std::string_view kBearer = "Bearer ";
    if (!authorization.starts_with(kBearer)) {
      throw api_error(401, "auth.required", "Cần đăng nhập", "Login required");
    }
    context->session = authenticate(authorization.substr(kBearer.size()), now / 1000);
    if (!context->session) {
      throw api_error(401, "auth.invalid_token", "Phiên đăng nhập không hợp lệ hoặc đã hết hạn",
                      "Invalid or expired session token");
    }
    log_user = context->session->user.username;
  }
  if (route.method == "POST" && !request.body.empty()) {
    const auto type = request.header("content-type").value_or("");
    const bool csv_route = route.pattern.starts_with("/api/v1/imports/");
    const std::string_view want = csv_route ? "text/csv" : "application/json";
    if (!type.starts_with(want)) {
      throw api_error(415, "request.content_type", "Kiểu nội dung phải là " + std::string(want),
                      "Content-Type must be " + std::string(want));
    }
  }
  // Other servers' commits first, so that an answer from the index includes them.
  const bool store_alone =
      route.store_use == StoreUse::store_reads || route.store_use == StoreUse::long_store_reads;
  if (catch_up_ && !store_alone) catch_up_->before_request();
  const bool only_reads = route.store_use == StoreUse::reads || store_alone;
  if (only_reads && options_.concurrent_reads) {
    if (std::optional<HttpResponse> response = read_beside_others(route, *context)) {
      response->log_user = log_user;
      return reply(std::move(*response));
    }
  }
  // The answer waits for the group's commit; this I/O thread serves others meanwhile.
  auto response = std::make_shared<HttpResponse>();
  writer_.submit(
      [this, context, response, &route] {
        std::unique_lock state(state_lock_);
        try {
          if (needs_idempotency_key(route)) {
            *response = run_idempotent(*context, route);
            return;
          }
          *response = route.handler(*context);
        } catch (const ApiError& error) {
          // Answered, not thrown: what the request wrote before its refusal
          // (a failed login's count) must not be undone with the job's savepoint.
          *response = error_response(error);
          return;
        }
        // Logout ends a session: forget it here too.
        if (route.pattern == "/api/v1/auth/logout") forget_sessions();
      },
      GroupCommitter::Grouping::shared,
      [context, response, reply, log_user](std::exception_ptr failure) {
        if (failure) *response = internal_error(failure, context->request);
        response->log_user = log_user;
        reply(std::move(*response));
      });
}

std::optional<HttpResponse> ApiService::read_beside_others(const Route& route,
                                                           RouteContext& context) {
  // The auditor's reads of the whole trail: they must see it up to now, so
  // never on the standby, which may lag; and they use neither lock nor index.
  const bool long_read = route.store_use == StoreUse::long_store_reads;
  for (bool first_try = true;; first_try = false) {
    // Leased before the lock: opening a connection must not wait under it.
    const bool standby_allowed = first_try && !long_read;
    ReaderPool::Lease lease = standby_allowed ? readers_.acquire() : readers_.acquire_primary();
    std::shared_lock read(state_lock_, std::defer_lock);
    if (!long_read) {
      read.lock();
      // Until the index is in memory (or after a failed write dropped it) the
      // read runs alone on the writer, where loading it is safe.
      if (!registry_.index_loaded()) return std::nullopt;
    }
    context.reader = &lease.store();
    try {
      return route.handler(context);
    } catch (const StoreUnavailable&) {
      context.reader = nullptr;
      // The primary's outage is the caller's 503; the standby's is not: the
      // same read runs again on the primary.
      if (!lease.on_standby()) throw;
      readers_.standby_failed();
    }
  }
}

HttpResponse ApiService::run_idempotent(RouteContext& context, const Route& route) {
  const auto key = context.request.header("idempotency-key");
  if (!key) {
    throw api_error(400, "request.idempotency_key_missing",
                    "Thiếu tiêu đề Idempotency-Key (bắt buộc với mọi yêu cầu POST)",
                    "Missing Idempotency-Key header (required on every POST)");
  }
  if (!valid_idempotency_key(*key)) {
    throw bad_field("Idempotency-Key", "1 đến 128 ký tự A-Z, a-z, 0-9, - hoặc _",
                    "1 to 128 characters of A-Z, a-z, 0-9, - or _");
  }
  const int64_t user_id = context.user().id;
  const std::string digest = sha256_hex(context.request.method + '\n' + context.request.path +
                                        '\n' + context.request.body);
  Store& store = registry_.store();
  // The same key sent to another server meanwhile waits here for this one's commit.
  store.lock_idempotency_key(user_id, *key);
  if (auto kept = store.idempotent_response(user_id, *key)) {
    if (kept->request_digest != digest) {
      throw api_error(422, "request.idempotency_key_reused",
                      "Khóa Idempotency-Key này đã dùng cho một yêu cầu khác",
                      "This Idempotency-Key was used for a different request");
    }
    HttpResponse replay;
    replay.status = kept->status;
    replay.body = kept->response_body;
    replay.headers.emplace_back("Idempotent-Replayed", "true");
    return replay;
  }
  // Entries of earlier reads go first, so the chain keeps the order of events.
  flush_audit_locked();
  context.in_write = true;
  HttpResponse response;
  try {
    // The write, its audit entries and the remembered answer commit together.
    store.transaction([&] {
      try {
        response = route.handler(context);
      } catch (const ApiError& error) {
        // Handlers refuse before they write, so the refusal (and its audit
        // entry) commits; the same retry gets the same refusal.
        response = error_response(error);
      }
      if (response.status != 401 && response.status != 429) {
        store.save_idempotent_response(IdempotencyRecord{user_id, *key, digest, response.status,
                                                         response.body, context.now_ms / 1000});
      }
    });
  } catch (...) {
    // The in-memory index may already show a write that was rolled back.
    registry_.drop_index();
    surveillance_.drop_derived_state();
    throw;
  }
  ++writes_;
  // A change of accounts (password, role, disabling) may end sessions.
  if (route.pattern.starts_with("/api/v1/auth/") || route.pattern.starts_with("/api/v1/users")) {
    forget_sessions();
  }
  return response;
}

Date date_param(const HttpRequest& request, const std::string& name, Date fallback) {
  const auto text = request.param(name);
  if (!text) return fallback;
  const auto date = Date::parse_iso(*text);
  if (!date) throw bad_field(name, "ngày không hợp lệ (YYYY-MM-DD)", "invalid date (YYYY-MM-DD)");
  return *date;
}

size_t size_param(const HttpRequest& request, const std::string& name, size_t fallback,
                  size_t max) {
  const auto text = request.param(name);
  if (!text) return fallback;
  size_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size() || value > max) {
    throw bad_field(name, "phải là số nguyên từ 0 đến " + std::to_string(max),
                    "must be an integer from 0 to " + std::to_string(max));
  }
  return value;
}

size_t limit_param(const HttpRequest& request, size_t fallback) {
  const size_t limit = size_param(request, "limit", fallback, 1000);
  if (limit == 0) {
    throw bad_field("limit", "phải là số nguyên từ 1 đến 1000",
                    "must be an integer from 1 to 1000");
  }
  return limit;
}

const Area& area_param(Registry& registry, const std::string& spec) {
  const Area* area = registry.find_area(spec);
  if (area == nullptr) throw not_found("địa bàn " + spec, "Area " + spec);
  return *area;
}

std::string area_target(const Area& area) { return "area:" + area.tree + ":" + area.code; }

const Area& search_area(RouteContext& context) {
  Registry& registry = context.registry();
  const auto spec = context.request.param("area");
  const Area& area =
      spec ? area_param(registry, *spec) : *registry.areas().find(context.user().area_id);
  context.require(Permission::read_personal, area.id, std::nullopt, "person.search",
                  area_target(area));
  return area;
}

PersonId id_param(const PathParams& params, const std::string& name) {
  const std::string& text = params.at(name);
  PersonId id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) {
    throw not_found("bản ghi " + name, "Record " + name);
  }
  return id;
}

HttpResponse json_response(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

}  // namespace phongdich::api
