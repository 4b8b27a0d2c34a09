// phongdich import persons|doses FILE
#include <iostream>

#include "app/importer.hpp"
#include "cli/context.hpp"
#include "cli/progress_bar.hpp"

namespace phongdich::cli {
namespace {

struct ImportCommandOptions {
  std::string file;
  std::string tree = "vn2022";
  std::string errors;
  size_t batch = 100000;
};

void print_summary(const Context& context, const ImportSummary& s) {
  const double rate = s.seconds > 0 ? static_cast<double>(s.rows_read) / s.seconds : 0;
  if (context.format() == Format::json) {
    nlohmann::json by_code = s.rejected_by_code;
    std::cout << nlohmann::json{{"kind", s.kind},
                                {"file", s.file},
                                {"error_file", s.error_file},
                                {"rows_read", s.rows_read},
                                {"rows_imported", s.rows_imported},
                                {"rows_already_present", s.rows_already_present},
                                {"rows_rejected", s.rows_rejected},
                                {"resumed_after_line", s.resumed_after_line},
                                {"seconds", s.seconds},
                                {"rows_per_second", rate},
                                {"rejected_by_code", by_code}}
                     .dump(2)
              << "\n";
    return;
  }
  ResultTable table({"kind", "rows_read", "imported", "already_present", "rejected", "seconds",
                     "rows_per_second", "error_file"});
  char seconds[32], per_second[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", s.seconds);
  std::snprintf(per_second, sizeof per_second, "%.0f", rate);
  table.add_row({s.kind, std::to_string(s.rows_read), std::to_string(s.rows_imported),
                 std::to_string(s.rows_already_present), std::to_string(s.rows_rejected), seconds,
                 per_second, s.rows_rejected ? s.error_file : ""});
  table.print(std::cout, context.format());
  if (s.resumed_after_line > 0)
    std::cout << "resumed an unfinished import (lines up to " << s.resumed_after_line
              << " were committed before)\n";
  if (!s.rejected_by_code.empty() && context.format() == Format::table) {
    ResultTable codes({"rejected_because", "rows"});
    for (const auto& [code, n] : s.rejected_by_code) codes.add_row({code, std::to_string(n)});
    std::cout << "\n";
    codes.print(std::cout, Format::table);
  }
}

void run_import(Context& context, const ImportCommandOptions& o, bool persons) {
  Registry& registry = context.registry();
  {
    ProgressBar loading("loading registry");
    registry.index([&](int64_t done, int64_t total) { loading.update(done, total); });
  }
  ImportOptions options;
  options.tree = o.tree;
  options.today = context.today();
  options.error_path = o.errors;
  options.batch_rows = o.batch;
  ProgressBar bar(persons ? "importing persons" : "importing doses");
  options.progress = [&](int64_t done, int64_t) { bar.update(done, 0); };
  const ImportSummary summary =
      persons ? import_persons(registry, o.file, options) : import_doses(registry, o.file, options);
  bar.finish();
  print_summary(context, summary);
  if (summary.rows_rejected > 0) throw Exit{kRejected};
}

}  // namespace

void add_import_commands(CLI::App& app, Context& context) {
  auto* import = app.add_subcommand(
      "import", "Bulk import from CSV (docs/import-format.md); bad rows go to an error file");
  import->require_subcommand(1);
  auto o = std::make_shared<ImportCommandOptions>();
  for (const bool persons : {true, false}) {
    auto* sub = import->add_subcommand(persons ? "persons" : "doses",
                                       persons ? "Import persons.csv" : "Import doses.csv");
    sub->add_option("file", o->file, "CSV file (UTF-8)")->required()->check(CLI::ExistingFile);
    sub->add_option("--tree", o->tree, "Area tree of the commune codes")->capture_default_str();
    sub->add_option("--errors", o->errors, "Error report path (default: FILE.errors.csv)");
    sub->add_option("--batch", o->batch, "Rows per transaction")->capture_default_str();
    sub->callback([&context, o, persons] { run_import(context, *o, persons); });
  }
}

}  // namespace phongdich::cli
