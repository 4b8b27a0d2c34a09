// CSV imports sent through the API (POST /api/v1/imports/...), run one at a
// time on a thread of their own. Each batch is a step alone on the writer
// thread (app/importer's `exclusive`), so the server answers other requests
// between batches while a large file goes in, and the uploader follows its
// progress.
//
// Each import is three files in the import directory: the upload (ID.csv), its
// error report (ID.errors.csv) and its state (ID.json), rewritten after every
// batch; GET /api/v1/imports/{id} answers that state. An import still
// "queued" or "running" when the server stopped is found there at the next
// start and run again: the import journal makes the re-run recognise the rows
// already committed, so none is stored twice.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <thread>

#include "app/audit_log.hpp"
#include "app/registry.hpp"
#include "domain/date.hpp"

namespace phongdich::api {

// What an upload asks for, kept in its state file for a run after a restart.
struct ImportRequest {
  std::string id;    // also the files' names
  std::string kind;  // "persons" or "doses"
  std::string tree;  // of the file's commune codes: "vn2022" or "vn2025"
  std::string area;  // "TREE:CODE": rows outside it are refused
  int64_t user_id = 0;
  std::string username;
  std::string remote;  // the uploader's address, for the audit entry at the end
  int64_t created_ms = 0;
};

class ImportJobs {
 public:
  struct Options {
    std::string dir;
    size_t batch_rows = 2000;  // rows per step on the writer
    // Runs one step alone on the writer thread (ApiService::run_exclusive).
    std::function<void(const std::function<void()>&)> exclusive;
    std::function<Date()> today;
    std::function<int64_t()> clock_ms;
    // Records the entry that ends an import (who, how many rows, the outcome).
    std::function<void(const AuditEvent&, int64_t at_ms)> audit;
  };

  // Starts the thread, and queues the imports a stop left unfinished.
  ImportJobs(Registry& registry, Options options);
  // Stops between two batches; the import stays "running" in its state file
  // and is resumed at the next start.
  ~ImportJobs();
  ImportJobs(const ImportJobs&) = delete;
  ImportJobs& operator=(const ImportJobs&) = delete;

  // Stores the upload, writes the state "queued" and queues the import;
  // returns that state.
  nlohmann::json queue(const ImportRequest& request, std::string_view upload);

  // The state as the API shows it; null when there is no such import.
  nlohmann::json state(const std::string& id) const;
  // The rejected rows so far (CSV); empty before the first is found.
  std::string error_report(const std::string& id) const;

 private:
  std::string upload_path(const std::string& id) const;
  std::string errors_path(const std::string& id) const;
  std::string state_path(const std::string& id) const;
  void loop(std::stop_token stop);
  void run(const ImportRequest& request, std::stop_token stop);
  void resume_unfinished();
  // Replaces the state file at once (written aside, then renamed), so that a
  // reader never sees half of it.
  void save_state(const std::string& id, const nlohmann::json& state) const;

  Registry& registry_;
  Options options_;
  std::mutex mutex_;
  std::condition_variable_any queued_;
  std::deque<ImportRequest> queue_;
  std::jthread thread_;  // last: started once the rest exists
};

}  // namespace phongdich::api
