// Administration of accounts: list, create, change role and area, disable,
// unlock, reset a password. An administrator acts only inside their area.
#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "api/json_codec.hpp"
#include "api/routes.hpp"

namespace phongdich::api {

namespace {

std::string user_target(int64_t id) { return "user:" + std::to_string(id); }

Role role_field(const Json& body) {
  const std::string name = *string_field(body, "role", true);
  const auto role = parse_role(name);
  if (!role) {
    throw bad_field("role", "vai trò không tồn tại", "unknown role");
  }
  return *role;
}

// The user named in the path, inside the administrator's area.
User managed_user(RouteContext& context, const std::string& action) {
  const int64_t id = id_param(context.params, "id");
  auto user = context.service.accounts().user(id);
  if (!user) throw not_found("tài khoản", "User");
  context.require(Permission::manage_users, user->area_id, std::nullopt, action, user_target(id));
  return *user;
}

void require_grant(RouteContext& context, Role role, AreaId area, const std::string& action,
                   const std::string& target) {
  const AccessDecision decision =
      may_grant(context.registry().areas(), context.subject(), role, area);
  if (decision.allowed()) return;
  context.audit(action, target, area, "denied", "grant " + std::string(role_name(role)));
  throw api_error(403, "access.grant", "Không được cấp vai trò này tại địa bàn này",
                  "May not grant this role in this area");
}

HttpResponse user_answer(RouteContext& context, int status, int64_t id) {
  const auto user = context.service.accounts().user(id);
  return json_response(status, dump(user_json(*user, context.registry().areas())));
}

HttpResponse list_users(RouteContext& context) {
  context.require(Permission::manage_users, context.user().area_id);
  const size_t limit = limit_param(context.request, 50);
  const size_t offset = size_param(context.request, "offset", 0, 10'000'000);
  Json items = Json::array();
  size_t total = 0;
  for (const User& user : context.service.accounts().list_users()) {
    if (!area_within(context.registry().areas(), context.user().area_id, user.area_id)) continue;
    if (total >= offset && items.size() < limit) {
      items.push_back(user_json(user, context.registry().areas()));
    }
    ++total;
  }
  context.audit("user.list", "", context.user().area_id);
  return json_response(
      200, dump(Json{{"items", items}, {"total", total}, {"limit", limit}, {"offset", offset}}));
}

HttpResponse create_user(RouteContext& context) {
  const Json body = parse_body(context.request.body);
  only_fields(body, {"username", "password", "role", "area", "person_id"});
  NewUser request;
  request.username = *string_field(body, "username", true);
  request.password = *string_field(body, "password", true);
  request.role = role_field(body);
  const Area& area = area_param(context.registry(), *string_field(body, "area", true));
  request.area_id = area.id;
  request.person_id = int_field(body, "person_id");
  context.require(Permission::manage_users, area.id, std::nullopt, "user.create",
                  "user:" + request.username.substr(0, 64));
  require_grant(context, request.role, area.id, "user.create",
                "user:" + request.username.substr(0, 64));
  const CreateUserResult result =
      context.service.accounts().create_user(request, context.now_ms / 1000);
  if (!result.user) {
    context.audit("user.create", "user:" + request.username.substr(0, 64), area.id, "rejected",
                  result.violations.front().code);
    throw rejected(result.violations);
  }
  context.audit("user.create", user_target(result.user->id), area.id, "ok",
                std::string(role_name(result.user->role)));
  return user_answer(context, 201, result.user->id);
}

HttpResponse show_user(RouteContext& context) {
  const User user = managed_user(context, "user.read");
  return json_response(200, dump(user_json(user, context.registry().areas())));
}

HttpResponse change_role(RouteContext& context) {
  const User user = managed_user(context, "user.role_change");
  const Json body = parse_body(context.request.body);
  only_fields(body, {"role", "area"});
  const Role role = role_field(body);
  const Area& area = area_param(context.registry(), *string_field(body, "area", true));
  const std::string target = user_target(user.id);
  require_grant(context, role, area.id, "user.role_change", target);
  Violations violations = context.service.accounts().set_role(user.id, role, area.id);
  if (!violations.empty()) {
    context.audit("user.role_change", target, area.id, "rejected", violations.front().code);
    throw rejected(std::move(violations));
  }
  context.audit("user.role_change", target, area.id, "ok",
                std::string(role_name(user.role)) + " " +
                    area_ref(context.registry().areas(), user.area_id) + " -> " +
                    std::string(role_name(role)) + " " + area.tree + ":" + area.code);
  return user_answer(context, 200, user.id);
}

RouteHandler set_disabled(bool disabled) {
  return [disabled](RouteContext& context) {
    const std::string action = disabled ? "user.disable" : "user.enable";
    const User user = managed_user(context, action);
    Violations violations = context.service.accounts().set_disabled(user.id, disabled);
    if (!violations.empty()) throw rejected(std::move(violations));
    context.audit(action, user_target(user.id), user.area_id);
    return user_answer(context, 200, user.id);
  };
}

HttpResponse unlock(RouteContext& context) {
  const User user = managed_user(context, "user.unlock");
  Violations violations = context.service.accounts().unlock(user.id);
  if (!violations.empty()) throw rejected(std::move(violations));
  context.audit("user.unlock", user_target(user.id), user.area_id);
  return user_answer(context, 200, user.id);
}

HttpResponse reset_password(RouteContext& context) {
  const User user = managed_user(context, "user.password_reset");
  const Json body = parse_body(context.request.body);
  only_fields(body, {"new_password"});
  const std::string password = *string_field(body, "new_password", true);
  Violations violations = context.service.accounts().reset_password(user.id, password);
  if (!violations.empty()) {
    context.audit("user.password_reset", user_target(user.id), user.area_id, "rejected",
                  violations.front().code);
    throw rejected(std::move(violations));
  }
  context.audit("user.password_reset", user_target(user.id), user.area_id);
  return json_response(204, "");
}

}  // namespace

void add_user_routes(Router& router) {
  router.add({"GET", "/api/v1/users", "manage_users", RouteAccess::checked, list_users});
  router.add({"POST", "/api/v1/users", "manage_users", RouteAccess::checked, create_user});
  router.add({"GET", "/api/v1/users/{id}", "manage_users", RouteAccess::checked, show_user});
  router.add(
      {"POST", "/api/v1/users/{id}/role", "manage_users", RouteAccess::checked, change_role});
  router.add({"POST", "/api/v1/users/{id}/disable", "manage_users", RouteAccess::checked,
              set_disabled(true)});
  router.add({"POST", "/api/v1/users/{id}/enable", "manage_users", RouteAccess::checked,
              set_disabled(false)});
  router.add({"POST", "/api/v1/users/{id}/unlock", "manage_users", RouteAccess::checked, unlock});
  router.add({"POST", "/api/v1/users/{id}/password", "manage_users", RouteAccess::checked,
              reset_password});
}

}  // namespace phongdich::api
