// phongdich serve: the HTTP API on the chosen store.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "api/api_service.hpp"
#include "api/http_server.hpp"
#include "api/static_site.hpp"
#include "cli/context.hpp"
#include "cli/progress_bar.hpp"
#include "store/change_feed.hpp"

namespace phongdich::cli {
namespace {

struct ServeOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;
  // 0: chosen by the store. A write waiting for its commit holds no thread, so
  // on SQLite, whose reads work rather than wait, a few more threads than cores
  // are enough. On PostgreSQL a read waits for the database server, and the
  // more reads wait at once, the more the shared connection sends together
  // (store/postgres/pg_shared_reads.hpp): person GETs at 10 M persons went from
  // 9,250/s with 4 threads to 12,133/s with 16 (medians, docs/performance.md).
  unsigned threads = 0;
  std::string access_log = "-";  // "-": standard output; "off"; or a file
  int64_t session_hours = 8;
  int max_failed_logins = 5;
  int64_t lockout_minutes = 15;
  int login_attempts_per_minute = 10;
  int64_t read_timeout_s = 30;
  size_t commit_group = 64;
  int64_t audit_flush_ms = 500;
  bool serial = false;
  std::string web_dir = api::default_web_dir();
  std::string db_read;  // a hot standby for the reads (PostgreSQL)
  int64_t max_replica_lag_ms = 2000;
};

bool is_postgres_url(const std::string& url) {
  return url.starts_with("postgres://") || url.starts_with("postgresql://");
}

void serve(Context& context, const ServeOptions& o) {
  if (!o.db_read.empty() && (!is_postgres_url(o.db_read) || !is_postgres_url(context.db))) {
    // A usage error (exit 2), like any other wrong option.
    throw CLI::ValidationError("--db-read",
                               "a hot standby of a PostgreSQL --db: both must be postgres:// URLs");
  }
  Registry& registry = context.registry();
  // Other servers' writes to a shared database (PostgreSQL), followed from
  // before the index is read so that none falls between the two.
  std::shared_ptr<ChangeFeed> change_feed = open_change_feed(context.db);
  {
    // Load the index before listening: /ready answers 200 only after it.
    ProgressBar bar("loading the registry index");
    registry.index([&](int64_t done, int64_t total) { bar.update(done, total); });
    bar.finish();
  }
  api::ApiServiceOptions service_options;
  service_options.accounts.session_ttl_seconds = o.session_hours * 3600;
  service_options.accounts.max_failed_logins = o.max_failed_logins;
  service_options.accounts.lockout_seconds = o.lockout_minutes * 60;
  service_options.login_attempts_per_minute = o.login_attempts_per_minute;
  service_options.max_commit_group = o.serial ? 1 : o.commit_group;
  service_options.concurrent_reads = !o.serial;
  service_options.audit_flush_interval = std::chrono::milliseconds(o.audit_flush_ms);
  if (!context.today_text.empty()) service_options.today = context.today();
  service_options.change_feed = change_feed;
  service_options.standby_url = o.db_read;
  service_options.max_standby_lag_ms = o.max_replica_lag_ms;
  // Uploads live beside the database file they were imported into; with a
  // database server, under var/ of the working directory.
  if (is_postgres_url(context.db)) {
    service_options.import_dir = (std::filesystem::path("var") / "imports").string();
  } else {
    const std::string db_path =
        context.db.starts_with("sqlite:") ? context.db.substr(7) : context.db;
    service_options.import_dir =
        (std::filesystem::path(db_path).parent_path() / "imports").string();
  }
  api::ApiService service(registry, service_options);

  std::ofstream log_file;
  std::ostream* log_stream = nullptr;
  if (o.access_log == "-") {
    log_stream = &std::cout;
  } else if (o.access_log != "off") {
    log_file.open(o.access_log, std::ios::app);
    if (!log_file) throw std::runtime_error("cannot open the access log " + o.access_log);
    log_stream = &log_file;
  }
  api::AccessLog access_log(log_stream);
  api::HttpServerOptions server_options;
  server_options.address = o.address;
  server_options.port = o.port;
  server_options.threads = o.threads != 0 ? o.threads : is_postgres_url(context.db) ? 16 : 4;
  server_options.read_timeout = std::chrono::seconds(o.read_timeout_s);
  // The web application answers its own GETs beside the API, without the API's lock.
  const api::StaticSite site(o.web_dir);
  api::HttpServer server(server_options,
                         api::AsyncHandler([&](api::HttpRequest& r, api::Reply reply) {
                           if (auto page = site.serve(r)) return reply(std::move(*page));
                           service.handle_async(r, std::move(reply));
                         }),
                         &access_log);
  server.run_until_signal([&] {
    std::cerr << "phongdich: serving " << context.db << " on http://" << o.address << ":"
              << server.port() << "/ (API under /api/v1, " << server_options.threads
              << " threads, stop with Ctrl-C)\n";
    if (!site.available()) {
      std::cerr << "phongdich: no web application in " << o.web_dir
                << " (build it with scripts/build.sh, or pass --web-dir)\n";
    }
    int64_t users = 0;
    service.run_exclusive([&] { users = registry.store().user_count(); });
    if (users == 0) {
      std::cerr << "phongdich: no accounts yet; create the first administrator with\n"
                   "  phongdich user add NAME --role administrator --area TREE:CODE "
                   "--generate-password\n";
    }
  });
  std::cerr << "phongdich: stopped (" << service.committed_jobs() << " writer requests in "
            << service.commit_groups() << " commits)\n";
}

}  // namespace

void add_serve_command(CLI::App& app, Context& context) {
  auto o = std::make_shared<ServeOptions>();
  auto* cmd = app.add_subcommand("serve", "Serve the HTTP API (JSON under /api/v1)");
  cmd->add_option("--address", o->address, "Address to listen on")
      ->envname("PHONGDICH_ADDRESS")
      ->capture_default_str();
  cmd->add_option("--port", o->port, "Port (0: any free port)")
      ->envname("PHONGDICH_PORT")
      ->capture_default_str();
  cmd->add_option("--threads", o->threads, "HTTP threads (default: 4 on SQLite, 16 on PostgreSQL)")
      ->envname("PHONGDICH_THREADS")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--access-log", o->access_log, "Access log: -, off or a file")
      ->envname("PHONGDICH_ACCESS_LOG")
      ->capture_default_str();
  cmd->add_option("--session-hours", o->session_hours, "Session lifetime")
      ->check(CLI::Range(1, 24 * 30))
      ->capture_default_str();
  cmd->add_option("--max-failed-logins", o->max_failed_logins,
                  "Consecutive failed logins before a lockout")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  cmd->add_option("--lockout-minutes", o->lockout_minutes, "Lockout length")
      ->check(CLI::Range(1, 24 * 60))
      ->capture_default_str();
  cmd->add_option("--login-rate", o->login_attempts_per_minute,
                  "Login attempts per minute per client address")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->add_option("--commit-group", o->commit_group,
                  "Most writes that share one commit when they arrive together")
      ->envname("PHONGDICH_COMMIT_GROUP")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  cmd->add_option("--audit-flush-ms", o->audit_flush_ms,
                  "Milliseconds the audit entry of a read may wait to commit with others "
                  "(what a crash of the process can lose of the read entries)")
      ->envname("PHONGDICH_AUDIT_FLUSH_MS")
      ->check(CLI::Range(int64_t{10}, int64_t{60'000}))
      ->capture_default_str();
  cmd->add_flag("--serial", o->serial,
                "Serve one request at a time, a commit per write (for comparison only)");
  cmd->add_option("--read-timeout", o->read_timeout_s,
                  "Seconds a client has to send a request or read its answer, and an idle "
                  "connection is kept (slow clients are cut)")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  cmd->add_option("--db-read", o->db_read,
                  "A hot standby of the --db PostgreSQL database (postgres://...) that serves the "
                  "reads while it is no more than --max-replica-lag behind; writes go to --db")
      ->envname("PHONGDICH_DB_READ");
  cmd->add_option("--max-replica-lag", o->max_replica_lag_ms,
                  "Milliseconds the standby may be behind before reads go to the primary")
      ->envname("PHONGDICH_MAX_REPLICA_LAG")
      ->check(CLI::Range(int64_t{0}, int64_t{3'600'000}))
      ->capture_default_str();
  cmd->add_option("--web-dir", o->web_dir, "Directory of the built web application (web/dist)")
      ->envname("PHONGDICH_WEB_DIR")
      ->capture_default_str();
  cmd->callback([&context, o] { serve(context, *o); });
}

}  // namespace phongdich::cli
