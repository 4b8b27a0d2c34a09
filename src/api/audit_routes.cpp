// The auditor's view of the audit trail: search by actor, action, target and
// time inside the auditor's area, and verification of the hash chain.
#include <cstdio>

#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "api/json_codec.hpp"
#include "api/routes.hpp"

namespace phongdich::api {

namespace {

// "2026-12-02" (midnight UTC) or "2026-12-02T05:41:26Z" → unix milliseconds.
int64_t instant_param(const HttpRequest& request, const std::string& name) {
  const std::string text = *request.param(name);
  const auto date = Date::parse_iso(text.substr(0, 10));
  int hours = 0, minutes = 0, seconds = 0;
  bool ok = date.has_value();
  if (ok && text.size() > 10) {
    char tail = 0;
    ok = text.size() == 20 && text[10] == 'T' &&
         std::sscanf(text.c_str() + 11, "%2d:%2d:%2d%c", &hours, &minutes, &seconds, &tail) == 4 &&
         tail == 'Z' && hours < 24 && minutes < 60 && seconds < 60;
  }
  if (!ok) {
    throw bad_field(name, "thời điểm không hợp lệ (YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM:SSZ)",
                    "invalid instant (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)");
  }
  return (int64_t{date->days()} * 86'400 + hours * 3600 + minutes * 60 + seconds) * 1000;
}

HttpResponse search(RouteContext& context) {
  const AreaId own = context.user().area_id;
  context.require(Permission::read_audit, own, std::nullopt, "audit.search", "");
  const AreaForest& areas = context.registry().areas();
  AuditQuery query;
  query.actor = context.request.param("actor");
  query.action = context.request.param("action");
  query.target = context.request.param("target");
  if (context.request.param("from")) query.from_ms = instant_param(context.request, "from");
  if (context.request.param("to")) query.to_ms = instant_param(context.request, "to");
  query.after_seq =
      static_cast<int64_t>(size_param(context.request, "after", 0, static_cast<size_t>(INT64_MAX)));
  query.limit = limit_param(context.request, 100);
  // An auditor bound to a root sees everything (logins included); others see
  // the entries of records in their subtree.
  const Area* area = areas.find(own);
  if (area != nullptr && area->parent_id) query.areas = areas.subtree(own);
  // What happened up to now, reads included: the entries waiting in memory
  // are committed first, by the writer. The search itself runs beside writes
  // (a filter that few entries match reads the whole trail).
  if (context.reader != nullptr) {
    context.service.flush_audit();
  } else {
    context.service.flush_audit_locked();  // on the writer thread itself
  }
  // Through the request's connection (a reader's), never the writer's: that
  // one belongs to the writer thread.
  const std::vector<AuditEntry> entries = AuditLog(context.store()).search(query);
  Json items = Json::array();
  for (const AuditEntry& entry : entries) items.push_back(audit_json(entry, areas));
  const bool full = !entries.empty() && entries.size() == query.limit;
  context.audit("audit.search", "", own, "ok", std::to_string(entries.size()) + " entries");
  return json_response(200,
                       dump(Json{{"items", items},
                                 {"next_after", full ? Json(entries.back().seq) : Json(nullptr)}}));
}

HttpResponse verify(RouteContext& context) {
  context.require(Permission::read_audit, context.user().area_id, std::nullopt, "audit.verify", "");
  // What is committed, read on a reader connection while writes go on: a
  // trail of millions of entries takes seconds to check. Entries of reads
  // still waiting in memory (api_service.hpp) are checked by the next call.
  const AuditVerification result = AuditLog(context.store()).verify();
  context.audit("audit.verify", "", context.user().area_id, result.intact ? "ok" : "failed",
                std::to_string(result.entries) + " entries");
  return json_response(
      200, dump(Json{{"intact", result.intact},
                     {"entries", result.entries},
                     {"first_bad_seq",
                      result.first_bad_seq ? Json(*result.first_bad_seq) : Json(nullptr)},
                     {"problem", result.problem}}));
}

}  // namespace

void add_audit_routes(Router& router) {
  router.add({"GET", "/api/v1/audit", "read_audit", RouteAccess::checked, search,
              StoreUse::long_store_reads});
  router.add({"GET", "/api/v1/audit/verify", "read_audit", RouteAccess::checked, verify,
              StoreUse::long_store_reads});
}

}  // namespace phongdich::api
