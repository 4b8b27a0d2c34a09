// phongdich audit verify | search | index: the audit trail from the command line.
#include <iostream>

#include "api/background_audit_indexer.hpp"
#include "app/audit_log.hpp"
#include "cli/context.hpp"

namespace phongdich::cli {
namespace {

struct AuditOptions {
  std::string actor, action, target;
  int64_t after = 0;
  size_t limit = 100;
};

void verify(Context& context) {
  AuditLog log(context.registry().store());
  const AuditVerification result = log.verify();
  ResultTable table({"intact", "entries", "first_bad_seq", "problem"});
  table.add_row({result.intact ? "yes" : "no", std::to_string(result.entries),
                 result.first_bad_seq ? std::to_string(*result.first_bad_seq) : "",
                 result.problem});
  table.print(std::cout, context.format());
  if (!result.intact) throw Exit{kRejected};
}

void search(Context& context, const AuditOptions& o) {
  AuditLog log(context.registry().store());
  AuditQuery query;
  if (!o.actor.empty()) query.actor = o.actor;
  if (!o.action.empty()) query.action = o.action;
  if (!o.target.empty()) query.target = o.target;
  query.after_seq = o.after;
  query.limit = o.limit;
  ResultTable table(
      {"seq", "at_ms", "actor", "action", "target", "area", "remote", "outcome", "detail"});
  for (const AuditEntry& e : log.search(query)) {
    const Area* area = context.registry().areas().find(e.area_id);
    table.add_row({std::to_string(e.seq), std::to_string(e.at_ms), e.actor, e.action, e.target,
                   area ? area->tree + ":" + area->code : "", e.remote, e.outcome, e.detail});
  }
  table.print(std::cout, context.format());
}

// What a running server does in the background (api/background_audit_indexer),
// at once: for a trail that a new version finds unindexed, before a start.
void index(Context& context) {
  Store& store = context.registry().store();
  while (store.index_audit_trail(api::BackgroundAuditIndexer::kEntriesPerRun)) {
  }
  ResultTable table({"indexed"});
  table.add_row({store.audit_index_needs_upkeep() ? "yes" : "nothing to do on this store"});
  table.print(std::cout, context.format());
}

}  // namespace

void add_audit_commands(CLI::App& app, Context& context) {
  auto* audit =
      app.add_subcommand("audit", "The audit trail: verify the chain, search it, index it");
  audit->require_subcommand(1);
  auto* check = audit->add_subcommand(
      "verify", "Check the hash chain; exit 1 when an entry was edited, inserted or deleted");
  check->callback([&context] { verify(context); });
  auto o = std::make_shared<AuditOptions>();
  auto* find = audit->add_subcommand("search", "Entries in order, filtered");
  find->add_option("--actor", o->actor, "Username, or cli:<os user>");
  find->add_option("--action", o->action, "Exact, or a prefix ending in '.' (person.)");
  find->add_option("--target", o->target, "person:ID, user:ID ...");
  find->add_option("--after", o->after, "Only entries after this sequence number");
  find->add_option("--limit", o->limit, "At most this many")->capture_default_str();
  find->callback([&context, o] { search(context, *o); });
  audit
      ->add_subcommand("index",
                       "Index the trail by record, user and area now (a server does it as it "
                       "runs; the index file beside the database can be deleted and is rebuilt)")
      ->callback([&context] { index(context); });
}

}  // namespace phongdich::cli
