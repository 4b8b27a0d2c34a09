// phongdich: the population and vaccination registry on the command line.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/context.hpp"
#include "store/store.hpp"

int main(int argc, char** argv) {
  using namespace phongdich::cli;
  CLI::App app{"phongdich — phòng dịch: population and vaccination registry"};
  app.require_subcommand(1);
  // Global options may also follow the subcommand ("coverage X --format json");
  // subcommands created below inherit this.
  app.fallthrough();
  app.set_help_all_flag("--help-all", "Help for every subcommand");
  // Flags, PHONGDICH_* variables, or a file: global options at the top,
  // a subcommand's in its section ("[serve]" then "port = 8080").
  app.set_config("--config", "", "Configuration file (TOML: option = value; [serve] section)");
  Context context;
  app.add_option("--db", context.db, "Database: a SQLite file path (created on first use)")
      ->envname("PHONGDICH_DB")
      ->capture_default_str();
  app.add_option("--data", context.data_dir, "Reference data directory (areas, rules)")
      ->envname("PHONGDICH_DATA");
  app.add_option("--format", context.format_name, "Output: table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  app.add_option("--today", context.today_text,
                 "Today's date (YYYY-MM-DD; default: today in Asia/Ho_Chi_Minh)");

  add_demo_command(app, context);
  add_area_commands(app, context);
  add_person_commands(app, context);
  add_dose_commands(app, context);
  add_report_commands(app, context);
  add_import_commands(app, context);
  add_generate_command(app, context);
  add_epidemic_command(app, context);
  add_rules_command(app, context);
  add_serve_command(app, context);
  add_user_commands(app, context);
  add_audit_commands(app, context);
  add_rt_command(app, context);
  add_migrate_command(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kOk : kUsage;
  } catch (const Exit& e) {
    return e.code;
  } catch (const phongdich::StoreError& e) {
    std::cerr << "error: store: " << e.what() << "\n";
    return kFailure;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kFailure;
  }
  return kOk;
}
