#include "api/import_jobs.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <vector>

#include "api/json_codec.hpp"
#include "app/importer.hpp"
#include "domain/access_policy.hpp"

namespace phongdich::api {

namespace {

namespace fs = std::filesystem;

// Where the state file keeps what a run after a restart needs; not shown.
constexpr const char* kRequestKey = "request";

Json request_json(const ImportRequest& request) {
  return {{"tree", request.tree},
          {"user_id", request.user_id},
          {"remote", request.remote},
          {"created_ms", request.created_ms}};
}

std::optional<ImportRequest> request_of(const Json& state) {
  const auto it = state.find(kRequestKey);
  if (it == state.end() || !it->is_object()) return std::nullopt;
  ImportRequest request;
  request.id = state.value("id", "");
  request.kind = state.value("kind", "");
  request.area = state.value("area", "");
  request.username = state.value("user", "");
  request.tree = it->value("tree", "vn2022");
  request.user_id = it->value("user_id", int64_t{0});
  request.remote = it->value("remote", "");
  request.created_ms = it->value("created_ms", int64_t{0});
  if (request.id.empty() || (request.kind != "persons" && request.kind != "doses")) {
    return std::nullopt;
  }
  return request;
}

void set_counts(Json& state, const ImportSummary& summary) {
  state["rows_read"] = summary.rows_read;
  state["rows_imported"] = summary.rows_imported;
  state["rows_already_present"] = summary.rows_already_present;
  state["rows_rejected"] = summary.rows_rejected;
  state["rejected_by_code"] = summary.rejected_by_code;
  state["bytes_read"] = summary.bytes_read;
  state["bytes_total"] = summary.bytes_total;
  state["seconds"] = summary.seconds;
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Json read_json_file(const fs::path& path) {
  const auto text = read_file(path);
  return text ? Json::parse(*text, nullptr, false) : Json(nullptr);
}

}  // namespace

ImportJobs::ImportJobs(Registry& registry, Options options)
    : registry_(registry), options_(std::move(options)) {
  resume_unfinished();
  thread_ = std::jthread([this](std::stop_token stop) { loop(stop); });
}

// The thread's destructor asks it to stop, which wakes its wait or ends the
// running import between two batches, and joins it.
ImportJobs::~ImportJobs() = default;

std::string ImportJobs::upload_path(const std::string& id) const {
  return (fs::path(options_.dir) / (id + ".csv")).string();
}
std::string ImportJobs::errors_path(const std::string& id) const {
  return (fs::path(options_.dir) / (id + ".errors.csv")).string();
}
std::string ImportJobs::state_path(const std::string& id) const {
  return (fs::path(options_.dir) / (id + ".json")).string();
}

Json ImportJobs::queue(const ImportRequest& request, std::string_view upload) {
  fs::create_directories(options_.dir);
  {
    std::ofstream out(upload_path(request.id), std::ios::binary);
    out.write(upload.data(), static_cast<std::streamsize>(upload.size()));
    if (!out) throw std::runtime_error("cannot write the upload of import " + request.id);
  }
  Json state = {{"id", request.id},
                {"kind", request.kind},
                {"status", "queued"},
                {"area", request.area},
                {"user", request.username},
                {"created_at", iso_datetime(request.created_ms)},
                {"status_url", "/api/v1/imports/" + request.id},
                {"errors_url", "/api/v1/imports/" + request.id + "/errors"},
                {kRequestKey, request_json(request)}};
  set_counts(state, ImportSummary{});
  state["bytes_total"] = static_cast<int64_t>(upload.size());
  save_state(request.id, state);
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(request);
  }
  queued_.notify_one();
  state.erase(kRequestKey);
  return state;
}

Json ImportJobs::state(const std::string& id) const {
  Json state = read_json_file(state_path(id));
  if (!state.is_object()) return nullptr;
  state.erase(kRequestKey);
  return state;
}

std::string ImportJobs::error_report(const std::string& id) const {
  return read_file(errors_path(id)).value_or("");
}

void ImportJobs::save_state(const std::string& id, const Json& state) const {
  const fs::path path = state_path(id);
  const fs::path aside = path.string() + ".new";
  {
    std::ofstream out(aside, std::ios::binary | std::ios::trunc);
    out << dump(state);
    if (!out) throw std::runtime_error("cannot write the state of import " + id);
  }
  fs::rename(aside, path);
}

void ImportJobs::resume_unfinished() {
  std::error_code error;
  if (!fs::is_directory(options_.dir, error)) return;
  std::vector<ImportRequest> unfinished;
  for (const auto& entry : fs::directory_iterator(options_.dir, error)) {
    const fs::path& path = entry.path();
    if (path.extension() != ".json") continue;
    const Json state = read_json_file(path);
    if (!state.is_object()) continue;
    const std::string status = state.value("status", "");
    if (status != "queued" && status != "running") continue;
    if (auto request = request_of(state)) unfinished.push_back(std::move(*request));
  }
  // In the order they were sent.
  std::sort(unfinished.begin(), unfinished.end(),
            [](const ImportRequest& a, const ImportRequest& b) {
              return a.created_ms != b.created_ms ? a.created_ms < b.created_ms : a.id < b.id;
            });
  queue_.assign(unfinished.begin(), unfinished.end());
}

void ImportJobs::loop(std::stop_token stop) {
  while (true) {
    ImportRequest next;
    {
      std::unique_lock lock(mutex_);
      queued_.wait(lock, stop, [&] { return !queue_.empty(); });
      if (stop.stop_requested()) return;
      next = std::move(queue_.front());
      queue_.pop_front();
    }
    run(next, stop);
  }
}

void ImportJobs::run(const ImportRequest& request, std::stop_token stop) {
  Json state = read_json_file(state_path(request.id));
  if (!state.is_object()) return;  // removed meanwhile
  state["status"] = "running";
  save_state(request.id, state);

  AuditEvent event;
  event.user_id = request.user_id;
  event.actor = request.username;
  event.action = "import." + request.kind + ".finished";
  event.target = "import:" + request.id;
  event.remote = request.remote;
  try {
    const Area* area = registry_.find_area(request.area);
    if (area == nullptr) throw std::runtime_error("no area " + request.area);
    event.area_id = area->id;
    ImportOptions options;
    options.tree = request.tree;
    options.today = options_.today();
    options.error_path = errors_path(request.id);
    options.batch_rows = options_.batch_rows;
    const AreaForest& areas = registry_.areas();
    options.commune_allowed = [&areas, scope = area->id](AreaId commune) {
      return area_within(areas, scope, commune);
    };
    options.exclusive = options_.exclusive;
    options.stop_requested = [&stop] { return stop.stop_requested(); };
    options.on_batch = [&](const ImportSummary& so_far) {
      set_counts(state, so_far);
      save_state(request.id, state);
    };
    const std::string upload = upload_path(request.id);
    const ImportSummary summary = request.kind == "persons"
                                      ? import_persons(registry_, upload, options)
                                      : import_doses(registry_, upload, options);
    if (summary.interrupted) return;  // still "running": resumed at the next start
    set_counts(state, summary);
    state["status"] = "finished";
    save_state(request.id, state);
    event.detail = std::to_string(summary.rows_imported) + " imported, " +
                   std::to_string(summary.rows_rejected) + " rejected";
  } catch (const std::exception& e) {
    // The rows of the batches committed so far stay; the same file sent again
    // completes the import.
    std::cerr << "phongdich serve: import " << request.id << " failed: " << e.what() << "\n";
    state["status"] = "failed";
    state["error"] = {{"code", "import.failed"},
                      {"message_vi",
                       "Nhập dữ liệu bị gián đoạn do lỗi hệ thống; gửi lại tệp "
                       "để hoàn tất (các dòng đã lưu không bị nhập lại)"},
                      {"message_en",
                       "The import stopped on an internal error; send the file "
                       "again to complete it (rows already stored are not added "
                       "twice)"}};
    try {
      save_state(request.id, state);
    } catch (const std::exception& write_error) {
      std::cerr << "phongdich serve: " << write_error.what() << "\n";
    }
    event.outcome = "failed";
  }
  options_.audit(event, options_.clock_ms());
}

}  // namespace phongdich::api
