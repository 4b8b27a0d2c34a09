// phongdich migrate --from URL --to URL
//
// Copies a whole database between the stores, SQLite file to PostgreSQL and
// back, row for row with the ids it has: every table of the schema, read
// through Store::export_rows and written through Store::import_rows (COPY on
// PostgreSQL), in one transaction on the target, so that a failed copy leaves
// the target as empty as it was. The target must be empty.
#include <algorithm>
#include <iostream>
#include <map>
#include <set>

#include "cli/context.hpp"
#include "cli/progress_bar.hpp"
#include "store/store.hpp"

namespace phongdich::cli {
namespace {

// Every table of the schema, parents before the tables whose foreign keys name
// them. A migration that adds a table adds its name here (one line): migrate
// refuses a database holding a table missing from this list, so no table is
// ever left behind silently (tests/cli/migrate_test.cpp).
constexpr std::string_view kTablesInCopyOrder[] = {
    "areas",
    "area_successors",
    "meta",
    "households",
    "persons",
    "doses",
    "import_journal",
    "users",
    "sessions",
    "audit_log",
    "idempotency_keys",
    // Surveillance (migration 4).
    "tests",
    "cases",
    "case_steps",
    "observations",
    "care_alerts",
    "facilities",
    "facility_occupancy",
};

// Rows per batch read from the source and written to the target: large enough
// that COPY runs at speed, small enough that a batch of persons is some tens of MB.
constexpr size_t kBatchRows = 50'000;

struct MigrateOptions {
  std::string from;
  std::string to;
};

[[noreturn]] void refuse(const std::string& english, const std::string& vietnamese) {
  std::cerr << "error: migrate: " << english << "\n"
            << "lỗi: migrate: " << vietnamese << "\n";
  throw Exit{kRejected};
}

bool listed(std::string_view table) {
  return std::find(std::begin(kTablesInCopyOrder), std::end(kTablesInCopyOrder), table) !=
         std::end(kTablesInCopyOrder);
}

// The tables both stores hold, in copy order, after checking that the two
// schemas are the same (tables and columns) and that this program knows them all.
std::vector<std::string> tables_to_copy(Store& source, Store& target) {
  const std::vector<std::string> in_source = source.copy_tables();
  const std::vector<std::string> in_target = target.copy_tables();
  for (const auto* tables : {&in_source, &in_target}) {
    for (const std::string& table : *tables) {
      if (!listed(table)) {
        refuse("table " + table + " is not known to migrate (kTablesInCopyOrder)",
               "bảng " + table + " chưa có trong danh sách sao chép (kTablesInCopyOrder)");
      }
    }
  }
  const std::set<std::string> source_set(in_source.begin(), in_source.end());
  const std::set<std::string> target_set(in_target.begin(), in_target.end());
  if (source_set != target_set) {
    refuse("the two databases have different tables (different schema versions?)",
           "hai cơ sở dữ liệu có các bảng khác nhau (phiên bản lược đồ khác nhau?)");
  }
  std::vector<std::string> ordered;
  for (std::string_view table : kTablesInCopyOrder) {
    if (source_set.contains(std::string(table))) ordered.emplace_back(table);
  }
  return ordered;
}

void check_same_columns(Store& target, const std::string& table,
                        const std::vector<std::string>& columns) {
  const std::vector<std::string> theirs = target.copy_columns(table);
  if (std::set<std::string>(columns.begin(), columns.end()) !=
      std::set<std::string>(theirs.begin(), theirs.end())) {
    refuse("table " + table + " has different columns in the two databases",
           "bảng " + table + " có các cột khác nhau ở hai cơ sở dữ liệu");
  }
}

void check_empty(Store& target, const std::vector<std::string>& tables) {
  for (const std::string& table : tables) {
    const int64_t rows = target.copy_row_count(table);
    if (rows != 0) {
      refuse("the target is not empty: table " + table + " has " + std::to_string(rows) +
                 " rows; migrate copies into an empty database only",
             "cơ sở dữ liệu đích không trống: bảng " + table + " có " + std::to_string(rows) +
                 " dòng; migrate chỉ sao chép vào cơ sở dữ liệu trống");
    }
  }
}

void migrate(const Context& context, const MigrateOptions& options) {
  if (options.from == options.to)
    refuse("--from and --to are the same", "--from và --to trùng nhau");
  // Both are opened for writing, so both are brought to this program's schema.
  const std::unique_ptr<Store> source = open_store(options.from);
  const std::unique_ptr<Store> target = open_store(options.to);
  const std::vector<std::string> tables = tables_to_copy(*source, *target);
  std::map<std::string, std::vector<std::string>> columns;
  for (const std::string& table : tables) {
    columns[table] = source->copy_columns(table);
    check_same_columns(*target, table, columns[table]);
  }
  check_empty(*target, tables);

  ResultTable copied({"table", "rows"});
  target->transaction([&] {
    for (const std::string& table : tables) {
      const int64_t total = source->copy_row_count(table);
      ProgressBar progress(table);
      int64_t done = 0;
      source->export_rows(table, columns[table], kBatchRows, [&](const TableRows& rows) {
        target->import_rows(table, rows);
        done += static_cast<int64_t>(rows.rows());
        progress.update(done, total);
      });
      progress.finish();
      // The source may have grown meanwhile (a server still writing to it); the
      // target must hold what was read, no more and no less.
      const int64_t landed = target->copy_row_count(table);
      if (landed != done) {
        throw StoreError("migrate: table " + table + ": " + std::to_string(done) + " rows read, " +
                         std::to_string(landed) + " in the target");
      }
      copied.add_row({table, std::to_string(done)});
    }
  });
  target->finish_import();
  copied.print(std::cout, context.format());
}

}  // namespace

void add_migrate_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<MigrateOptions>();
  auto* cmd = app.add_subcommand(
      "migrate", "Copy a whole database into an empty one: SQLite file <-> postgres:// (ids kept)");
  cmd->add_option("--from", options->from, "Source: a SQLite file path or a postgres:// URL")
      ->required();
  cmd->add_option("--to", options->to, "Target (empty): a SQLite file path or a postgres:// URL")
      ->required();
  cmd->callback([&context, options] { migrate(context, *options); });
}

}  // namespace phongdich::cli
