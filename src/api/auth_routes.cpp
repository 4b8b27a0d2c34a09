// Login, logout, the current user and password change.
#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "api/json_codec.hpp"
#include "api/routes.hpp"

namespace phongdich::api {

namespace {

HttpResponse login(RouteContext& context) {
  int64_t retry_after = 0;
  if (!context.service.login_throttle().allow(context.request.remote, context.now_ms,
                                              retry_after)) {
    context.audit("login.throttled", "", 0, "denied", "");
    throw api_error(429, "auth.rate_limited", "Quá nhiều lần đăng nhập, vui lòng thử lại sau",
                    "Too many login attempts; try again later", std::to_string(retry_after));
  }
  const Json body = parse_body(context.request.body);
  only_fields(body, {"username", "password"});
  const std::string username = *string_field(body, "username", true);
  const std::string password = *string_field(body, "password", true);
  const LoginResult result =
      context.service.accounts().login(username, password, context.now_ms / 1000);
  // The name tried is recorded, cut short: a failed login may carry anything.
  // The answer says nothing of whether the name exists; the trail does, so
  // that the auditor of the account's area sees guessing at its passwords.
  const std::optional<User> account =
      result.user ? result.user : context.service.accounts().user_by_name(username);
  AuditEvent event;
  event.actor = username.substr(0, 64);
  event.user_id = account ? account->id : 0;
  event.target = account ? "user:" + std::to_string(account->id) : "";
  event.area_id = account ? account->area_id : 0;
  event.remote = context.request.remote;
  switch (result.outcome) {
    case LoginOutcome::ok: {
      event.action = "login";
      context.service.record_audit(event, context.now_ms, false);
      const Json answer = {{"token", result.token},
                           {"expires_at", iso_datetime(result.expires_at * 1000)},
                           {"user", user_json(*result.user, context.registry().areas())}};
      return json_response(200, dump(answer));
    }
    case LoginOutcome::locked: {
      event.action = "login.failed";
      event.outcome = "denied";
      event.detail = "locked";
      context.service.record_audit(event, context.now_ms, false);
      const int64_t wait = std::max<int64_t>(1, result.user->locked_until - context.now_ms / 1000);
      throw api_error(
          401, "auth.locked", "Tài khoản tạm khóa do đăng nhập sai nhiều lần, vui lòng thử lại sau",
          "Account locked after repeated failed logins; try again later", std::to_string(wait));
    }
    case LoginOutcome::disabled:
      event.action = "login.failed";
      event.outcome = "denied";
      event.detail = "disabled";
      context.service.record_audit(event, context.now_ms, false);
      throw api_error(401, "auth.disabled", "Tài khoản đã bị vô hiệu hóa",
                      "This account is disabled");
    case LoginOutcome::bad_credentials:
      break;
  }
  event.action = "login.failed";
  event.outcome = "denied";
  event.detail = "bad credentials";
  context.service.record_audit(event, context.now_ms, false);
  throw api_error(401, "auth.bad_credentials", "Sai tên đăng nhập hoặc mật khẩu",
                  "Wrong username or password");
}

std::string bearer_token(const RouteContext& context) {
  return context.request.header("authorization").value_or("").substr(7);
}

}  // namespace

void add_auth_routes(Router& router) {
  router.add({"POST", "/api/v1/auth/login", "public", RouteAccess::public_route, login});
  router.add({"POST", "/api/v1/auth/logout", "authenticated", RouteAccess::authenticated,
              [](RouteContext& context) {
                context.service.accounts().logout(bearer_token(context));
                context.audit("logout", "user:" + std::to_string(context.user().id),
                              context.user().area_id);
                return json_response(204, "");
              }});
  router.add({"GET", "/api/v1/auth/me", "authenticated", RouteAccess::authenticated,
              [](RouteContext& context) {
                return json_response(200,
                                     dump(user_json(context.user(), context.registry().areas())));
              }});
  router.add({"POST", "/api/v1/auth/password", "authenticated", RouteAccess::authenticated,
              [](RouteContext& context) {
                const Json body = parse_body(context.request.body);
                only_fields(body, {"old_password", "new_password"});
                const std::string old_password = *string_field(body, "old_password", true);
                const std::string new_password = *string_field(body, "new_password", true);
                const std::string target = "user:" + std::to_string(context.user().id);
                Violations violations = context.service.accounts().change_password(
                    context.user().id, old_password, new_password, context.now_ms / 1000);
                if (!violations.empty()) {
                  context.audit("user.password_change", target, context.user().area_id, "rejected",
                                violations.front().code);
                  throw rejected(std::move(violations));
                }
                context.audit("user.password_change", target, context.user().area_id);
                return json_response(204, "");
              }});
}

}  // namespace phongdich::api
