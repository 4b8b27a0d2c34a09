#include "api/api_error.hpp"

#include "api/json_writer.hpp"

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
  // Written straight, not built as a tree of values first: a rule's refusal of
  // a dose is answered on the writer's thread, where the tree took 7% of its
  // time. The members keep the order they always had (the tree sorted them).
  std::string body;
  JsonWriter json(body);
  json.begin_object().key("error").begin_object();
  json.member("code", error.code)
      .member("message_en", error.message_en)
      .member("message_vi", error.message_vi);
  if (!error.retry_after.empty()) {
    json.member("retry_after", static_cast<int64_t>(std::stoll(error.retry_after)));
  }
  json.member("status", error.status).key("violations").begin_array();
  for (const Violation& v : error.violations) {
    // A hostile field name may be invalid UTF-8: the writer replaces it.
    json.begin_object()
        .member("code", v.code)
        .member("field", v.field)
        .member("message_en", v.message_en)
        .member("message_vi", v.message_vi)
        .member("rule", v.rule)
        .end_object();
  }
  json.end_array().end_object().end_object();
  return body;
}

ApiError store_unavailable() {
  return api_error(503, "store.unavailable",
                   "Cơ sở dữ liệu tạm thời không truy cập được, vui lòng thử lại sau",
                   "The database cannot be reached for now, please retry later", "1");
}

}  // namespace phongdich::api
