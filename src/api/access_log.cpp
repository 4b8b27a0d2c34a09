#include "api/access_log.hpp"

#include <nlohmann/json.hpp>

namespace phongdich::api {

std::string access_record_json(const AccessRecord& record) {
  nlohmann::json line = {
      {"at_ms", record.at_ms},
      {"remote", record.remote},
      {"method", record.method},
      {"path", record.path},
      {"status", record.status},
      {"bytes", record.bytes},
      {"ms", static_cast<double>(static_cast<int64_t>(record.duration_ms * 1000)) / 1000},
      {"user", record.user},
  };
  // Replace invalid UTF-8 (a hostile path) instead of throwing.
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void AccessLog::write(const AccessRecord& record) {
  if (out_ == nullptr) return;
  const std::string line = access_record_json(record);
  std::lock_guard lock(mutex_);
  *out_ << line << '\n';
  out_->flush();
}

}  // namespace phongdich::api
