#include "api/api_error.hpp"

#include <nlohmann/json.hpp>

namespace phongdich::api {

ApiError api_error(int status, std::string code, std::string message_vi, std::string message_en,
                   std::string retry_after) {
  return {status, std::move(code),       std::move(message_vi), std::move(message_en),
          {},     std::move(retry_after)};
}

ApiError rejected(Violations violations) {
  ApiError error;
  error.status = 422;
  error.code = violations.empty() ? "rejected" : violations.front().code;
  error.message_vi = "Dữ liệu không hợp lệ, không có gì được lưu";
  error.message_en = "Input rejected; nothing was stored";
  error.violations = std::move(violations);
  return error;
}

ApiError bad_field(const std::string& field, const std::string& vi, const std::string& en) {
  ApiError error;
  error.status = 400;
  error.code = "request.field";
  error.message_vi = "Trường \"" + field + "\": " + vi;
  error.message_en = "Field \"" + field + "\": " + en;
  error.violations.push_back({"request.field", field, "request schema (docs/openapi.json)",
                              error.message_vi, error.message_en});
  return error;
}

ApiError not_found(const std::string& what_vi, const std::string& what_en) {
  return api_error(404, "not_found", "Không tìm thấy " + what_vi, what_en + " not found");
}

std::string error_body(const ApiError& error) {
  nlohmann::json violations = nlohmann::json::array();
  for (const Violation& v : error.violations) {
    violations.push_back({{"code", v.code},
                          {"field", v.field},
                          {"rule", v.rule},
                          {"message_vi", v.message_vi},
                          {"message_en", v.message_en}});
  }
  nlohmann::json body = {{"error",
                          {{"status", error.status},
                           {"code", error.code},
                           {"message_vi", error.message_vi},
                           {"message_en", error.message_en},
                           {"violations", violations}}}};
  if (!error.retry_after.empty()) body["error"]["retry_after"] = std::stoll(error.retry_after);
  // A hostile field name may be invalid UTF-8: replace, never throw.
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ApiError store_unavailable() {
  return api_error(503, "store.unavailable",
                   "Cơ sở dữ liệu tạm thời không truy cập được, vui lòng thử lại sau",
                   "The database cannot be reached for now, please retry later", "1");
}

}  // namespace phongdich::api
