// Bulk import through the API: a CSV upload (docs/import-format.md) limited to
// the uploader's area, its summary and its per-row error report.
//
// The import runs while the request waits (good rows committed, bad rows
// reported, re-sent rows recognised, as from the command line); the upload
// limit (256 MiB) bounds how long. Each import keeps three files under the
// import directory: the upload, its summary (JSON) and its error report.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "api/json_codec.hpp"
#include "api/routes.hpp"
#include "app/importer.hpp"
#include "app/password_generator.hpp"

namespace phongdich::api {

namespace {

namespace fs = std::filesystem;

// Import ids are generated here; anything else in the path is not an import.
bool valid_import_id(const std::string& id) {
  if (id.empty() || id.size() > 40) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
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
    const fs::path dir = context.service.options().import_dir;
    fs::create_directories(dir);
    const std::string id = random_password(20);
    const fs::path upload = dir / (id + ".csv");
    {
      std::ofstream out(upload, std::ios::binary);
      out << context.request.body;
      if (!out) throw std::runtime_error("cannot write the upload");
    }
    ImportOptions options;
    options.tree = tree;
    options.today = context.today;
    options.error_path = (dir / (id + ".errors.csv")).string();
    const AreaForest& areas = registry.areas();
    const AreaId scope = area.id;
    options.commune_allowed = [&areas, scope](AreaId commune) {
      return area_within(areas, scope, commune);
    };
    const ImportSummary summary = kind == "persons"
                                      ? import_persons(registry, upload.string(), options)
                                      : import_doses(registry, upload.string(), options);
    Json json = {{"id", id},
                 {"kind", kind},
                 {"status", "finished"},
                 {"area", area.tree + ":" + area.code},
                 {"user", context.user().username},
                 {"rows_read", summary.rows_read},
                 {"rows_imported", summary.rows_imported},
                 {"rows_already_present", summary.rows_already_present},
                 {"rows_rejected", summary.rows_rejected},
                 {"rejected_by_code", summary.rejected_by_code},
                 {"seconds", summary.seconds},
                 {"errors_url", "/api/v1/imports/" + id + "/errors"}};
    std::ofstream(dir / (id + ".json")) << dump(json);
    context.audit("import." + kind, "import:" + id, area.id, "ok",
                  std::to_string(summary.rows_imported) + " imported, " +
                      std::to_string(summary.rows_rejected) + " rejected");
    return json_response(201, dump(json));
  };
}

// The summary of an import, after checking the user may see its area.
Json import_summary(RouteContext& context, const std::string& action) {
  const std::string& id = context.params.at("id");
  if (!valid_import_id(id)) throw not_found("lần nhập", "Import");
  const fs::path path = fs::path(context.service.options().import_dir) / (id + ".json");
  if (!fs::exists(path)) throw not_found("lần nhập", "Import");
  const Json summary = Json::parse(read_whole(path), nullptr, false);
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
  router.add({"GET", "/api/v1/imports/{id}", "write_personal", RouteAccess::checked,
              [](RouteContext& context) {
                return json_response(200, dump(import_summary(context, "import.read")));
              }});
  router.add({"GET", "/api/v1/imports/{id}/errors", "write_personal", RouteAccess::checked,
              [](RouteContext& context) {
                const Json summary = import_summary(context, "import.errors");
                const fs::path path = fs::path(context.service.options().import_dir) /
                                      (summary.value("id", "") + ".errors.csv");
                HttpResponse response;
                response.content_type = "text/csv; charset=utf-8";
                response.body = fs::exists(path) ? read_whole(path) : "";
                return response;
              }});
}

}  // namespace phongdich::api
