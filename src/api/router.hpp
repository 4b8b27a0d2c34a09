// Routes: method + path pattern ("/api/v1/persons/{id}") → handler, with the
// permission each route needs. The table is data, so the OpenAPI test and the
// authorisation test can walk every route.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/http_message.hpp"

namespace phongdich::api {

// Who may call a route at all. The finer decision (which area, whose record)
// is taken inside the handler with domain/access_policy.
enum class RouteAccess {
  public_route,   // no token needed
  authenticated,  // any logged-in user
  checked,        // logged in, and the handler asks the access policy
};

using PathParams = std::map<std::string, std::string>;

// How a route uses the store, which decides what it may run beside.
enum class StoreUse {
  // Alone: writes, and reads through the writer's connection (accounts, audit).
  exclusive,
  // Only reads, through RouteContext::store() and the registry's index and
  // rules: runs beside other reads, never beside a write.
  reads,
  // Only reads, through RouteContext::store() and the rules, never the index:
  // runs beside other reads, and does not wait for this server's index to take
  // in other servers' writes (api/change_catch_up.hpp), since the store already
  // holds them.
  store_reads,
  // Like store_reads, for reads as long as the whole audit trail (the
  // auditor's searches and verification): on the primary, and not under the
  // lock writes wait for, so that they go on meanwhile. Each of its reads sees
  // what is committed when it starts (the reader must allow for that).
  long_store_reads,
  // Answers without the store (liveness, the API document): never waits.
  none,
};

struct RouteContext;  // defined by the service: the user, the request's params
using RouteHandler = std::function<HttpResponse(RouteContext&)>;

struct Route {
  std::string method;
  std::string pattern;     // OpenAPI form: "/api/v1/persons/{id}"
  std::string permission;  // as the OpenAPI x-permission: "public", "read_personal" ...
  RouteAccess access = RouteAccess::checked;
  RouteHandler handler;
  StoreUse store_use = StoreUse::exclusive;
};

struct RouteMatch {
  const Route* route = nullptr;  // null: no route for this path and method
  PathParams params;
  bool path_known = false;  // the path matched under another method (405, not 404)
};

class Router {
 public:
  void add(Route route);
  RouteMatch match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> patterns_;  // routes_[i].pattern split at '/'
};

}  // namespace phongdich::api
