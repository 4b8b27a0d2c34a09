// A refused request, thrown by a handler and turned into the JSON error answer:
// {"error": {"status", "code", "message_vi", "message_en", "violations": [...]}}.
#pragma once

#include <string>

#include "domain/violation.hpp"

namespace phongdich::api {

struct ApiError {
  int status = 400;
  std::string code;
  std::string message_vi;
  std::string message_en;
  Violations violations;    // field-level reasons, when there are any
  std::string retry_after;  // seconds, for 429 and locked accounts
};

ApiError api_error(int status, std::string code, std::string message_vi, std::string message_en,
                   std::string retry_after = "");
// 422 with the violations of a rejected input; the first names the code.
ApiError rejected(Violations violations);
// 400 request.field: one field of the request is missing or has the wrong type.
ApiError bad_field(const std::string& field, const std::string& vi, const std::string& en);
ApiError not_found(const std::string& what_vi, const std::string& what_en);
// 503 store.unavailable: the database cannot be reached now; retry in a second.
ApiError store_unavailable();

std::string error_body(const ApiError& error);

}  // namespace phongdich::api
