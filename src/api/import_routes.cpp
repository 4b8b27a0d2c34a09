// Bulk import through the API: a CSV upload (docs/import-format.md) limited to
// the uploader's area, its state while it runs and after, and its per-row
// error report.
//
// The upload is answered at once (202) and imported by api/import_jobs in
// steps between other requests: good rows committed, bad rows reported,
// re-sent rows recognised, as from the command line. The upload limit
// (256 MiB) bounds one file.
#include <cctype>

#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "api/json_codec.hpp"
#include "api/routes.hpp"
#include "app/password_generator.hpp"

namespace phongdich::api {

namespace {

// Import ids are generated here; anything else in the path is not an import.
bool valid_import_id(const std::string& id) {
  if (id.empty() || id.size() > 40) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

RouteHandler start_import(const std::string& kind) {
  return [kind](RouteContext& context) {
    Registry& registry = context.registry();
    const Area& area = context.request.param("area")
                           ? area_param(registry, *context.request.param("area"))
                           : *registry.areas().find(context.user().area_id);
    const std::string target = area_target(area);
    context.require(Permission::write_personal, area.id, std::nullopt, "import." + kind, target);
    const std::string tree = context.request.param("tree").value_or("vn2022");
    if (tree != "vn2022" && tree != "vn2025") {
      throw bad_field("tree", "vn2022 hoặc vn2025", "vn2022 or vn2025");
    }
    if (context.request.body.empty()) {
      throw bad_field("body", "tệp CSV trống", "the CSV file is empty");
    }
    ImportJobs& imports = context.service.imports();
    ImportRequest request;
    request.id = random_password(20);
    request.kind = kind;
    request.tree = tree;
    request.area = area.tree + ":" + area.code;
    request.user_id = context.user().id;
    request.username = context.user().username;
    request.remote = context.request.remote;
    request.created_ms = context.now_ms;
    const Json state = imports.queue(request, context.request.body);
    context.audit("import." + kind, "import:" + request.id, area.id, "ok", "queued");
    HttpResponse response = json_response(202, dump(state));
    response.headers.emplace_back("Location", state.value("status_url", ""));
    return response;
  };
}

// The state of an import, after checking the user may see its area.
Json import_summary(RouteContext& context, const std::string& action) {
  const std::string& id = context.params.at("id");
  if (!valid_import_id(id)) throw not_found("lần nhập", "Import");
  const Json summary = context.service.imports().state(id);
  if (!summary.is_object()) throw not_found("lần nhập", "Import");
  const Area& area = area_param(context.registry(), summary.value("area", ""));
  context.require(Permission::write_personal, area.id, std::nullopt, action, "import:" + id);
  context.audit(action, "import:" + id, area.id);
  return summary;
}

}  // namespace

void add_import_routes(Router& router) {
  router.add({"POST", "/api/v1/imports/persons", "write_personal", RouteAccess::checked,
              start_import("persons")});
  router.add({"POST", "/api/v1/imports/doses", "write_personal", RouteAccess::checked,
              start_import("doses")});
  // Polled while an import runs: answered beside other requests, from the
  // import's state file.
  router.add({"GET", "/api/v1/imports/{id}", "write_personal", RouteAccess::checked,
              [](RouteContext& context) {
                return json_response(200, dump(import_summary(context, "import.read")));
              },
              StoreUse::store_reads});
  router.add({"GET", "/api/v1/imports/{id}/errors", "write_personal", RouteAccess::checked,
              [](RouteContext& context) {
                const Json summary = import_summary(context, "import.errors");
                HttpResponse response;
                response.content_type = "text/csv; charset=utf-8";
                response.body = context.service.imports().error_report(summary.value("id", ""));
                return response;
              },
              StoreUse::store_reads});
}

}  // namespace phongdich::api
