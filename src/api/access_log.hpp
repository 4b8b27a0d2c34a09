// Structured access log: one JSON object per request and line. Paths are
// logged without their query strings, which may carry names or ID numbers.
#pragma once

#include <cstdint>
#include <mutex>
#include <ostream>
#include <string>

namespace phongdich::api {

struct AccessRecord {
  int64_t at_ms = 0;
  std::string remote;
  std::string method;
  std::string path;
  int status = 0;
  size_t bytes = 0;
  double duration_ms = 0;
  std::string user;  // username when authenticated
};

class AccessLog {
 public:
  explicit AccessLog(std::ostream* out) : out_(out) {}  // null: discard
  void write(const AccessRecord& record);

 private:
  std::mutex mutex_;
  std::ostream* out_;
};

std::string access_record_json(const AccessRecord& record);

}  // namespace phongdich::api
