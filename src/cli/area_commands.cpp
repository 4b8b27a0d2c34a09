// phongdich area list | show
#include <iostream>

#include "cli/context.hpp"

namespace phongdich::cli {

void add_area_commands(CLI::App& app, Context& context) {
  auto* area = app.add_subcommand("area", "Administrative areas (2022 and 2025 trees)");
  area->require_subcommand(1);

  auto* list = area->add_subcommand("list", "List the areas directly under an area");
  auto parent = std::make_shared<std::string>("vn2022:VN");
  list->add_option("parent", *parent, "Area TREE:CODE (a tree's root is TREE:VN)")
      ->capture_default_str();
  list->callback([&context, parent] {
    Registry& registry = context.registry();
    const Area& p = require_area(registry, *parent);
    ResultTable table({"id", "tree", "code", "name", "level", "official_population"});
    for (AreaId id : registry.areas().children(p.id)) {
      const Area* a = registry.areas().find(id);
      table.add_row({std::to_string(a->id), a->tree, a->code, a->name, to_string(a->level),
                     a->official_population ? std::to_string(*a->official_population) : ""});
    }
    table.print(std::cout, context.format());
  });

  auto* show =
      area->add_subcommand("show", "Show an area, its path and where its records count now");
  auto spec = std::make_shared<std::string>();
  show->add_option("area", *spec, "Area TREE:CODE, or a 2022 code")->required();
  show->callback([&context, spec] {
    Registry& registry = context.registry();
    const Area& a = require_area(registry, *spec);
    ResultTable table({"id", "tree", "code", "name", "level"});
    for (AreaId id : registry.areas().path_to_root(a.id)) {
      const Area* p = registry.areas().find(id);
      table.add_row({std::to_string(p->id), p->tree, p->code, p->name, to_string(p->level)});
    }
    if (a.level == AreaLevel::commune) {
      if (auto now = registry.areas().commune_in_tree(a.id, "vn2025"); now && *now != a.id) {
        const Area* n = registry.areas().find(*now);
        table.add_row({std::to_string(n->id), n->tree, n->code, n->name + " (counts here now)",
                       to_string(n->level)});
      }
    }
    table.print(std::cout, context.format());
  });
}

}  // namespace phongdich::cli
