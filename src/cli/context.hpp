// What every subcommand shares: global options, the registry (opened on first
// use), the output format and the exit codes scripts rely on.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>

#include "app/registry.hpp"
#include "cli/output.hpp"
#include "domain/date.hpp"
#include "domain/violation.hpp"

namespace phongdich::cli {

// Documented in docs/cli.md; never renumber.
enum ExitCode : int {
  kOk = 0,
  kRejected = 1,  // input broke a rule; nothing of it stored (import: some rows rejected)
  kUsage = 2,     // bad command line
  kNotFound = 3,  // no such person / area
  kFailure = 4,   // store or internal failure
};

struct Context {
  std::string db = "var/phongdich.db";
  std::string data_dir;
  std::string format_name = "table";
  std::string today_text;  // default: today in Asia/Ho_Chi_Minh

  Format format() const;
  Date today() const;
  Registry& registry();

 private:
  std::unique_ptr<Registry> registry_;
};

// Parses an ISO date option or throws CLI::ValidationError naming the option.
Date parse_date_option(const std::string& text, const std::string& option);
// The area named TREE:CODE (or a 2022 code); exits with kNotFound when absent.
const Area& require_area(Registry& registry, const std::string& spec);
// Prints rejected-input reasons (both languages) to stderr, or as JSON to stdout.
void print_violations(const Context& context, const Violations& violations);

// Shared by the report commands and the demo.
void show_coverage(Context& context, const std::string& area, const std::string& as_of);
void show_due_list(Context& context, const std::string& commune, const std::string& as_of,
                   size_t limit);

void add_area_commands(CLI::App& app, Context& context);
void add_person_commands(CLI::App& app, Context& context);
void add_dose_commands(CLI::App& app, Context& context);
void add_report_commands(CLI::App& app, Context& context);
void add_import_commands(CLI::App& app, Context& context);
void add_generate_command(CLI::App& app, Context& context);
void add_epidemic_command(CLI::App& app, Context& context);
void add_demo_command(CLI::App& app, Context& context);
void add_rules_command(CLI::App& app, Context& context);
void add_serve_command(CLI::App& app, Context& context);
void add_user_commands(CLI::App& app, Context& context);
void add_audit_commands(CLI::App& app, Context& context);
void add_rt_command(CLI::App& app, Context& context);
void add_migrate_command(CLI::App& app, Context& context);

// Subcommand callbacks report their exit code through this exception so that
// CLI11 unwinds cleanly.
struct Exit {
  int code;
};

}  // namespace phongdich::cli
