// phongdich generate: a synthetic population with vaccination histories, as CSV.
#include <iostream>

#include "app/generate.hpp"
#include "cli/context.hpp"
#include "cli/progress_bar.hpp"

namespace phongdich::cli {
namespace {

struct GenerateOptions {
  std::string area = "vn2022:772";
  uint64_t persons = 10'000;
  uint64_t seed = 1;
  std::string out = "var/synth";
  std::string as_of = "2022-09-30";
  double invalid_rate = 0.002;
};

void generate(Context& context, const GenerateOptions& o) {
  Registry& registry = context.registry();
  const Area& area = require_area(registry, o.area);
  GenerateRequest request;
  request.persons = o.persons;
  request.seed = o.seed;
  request.output_dir = o.out;
  request.as_of = parse_date_option(o.as_of, "--as-of");
  request.invalid_rate = o.invalid_rate;
  ProgressBar bar("generating");
  request.progress = [&](uint64_t persons, uint64_t) {
    bar.update(static_cast<int64_t>(persons), static_cast<int64_t>(o.persons));
  };
  const auto started = std::chrono::steady_clock::now();
  const synth::SynthSummary summary = generate_for_area(registry.areas(), area, request);
  bar.finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ResultTable table({"persons_file", "persons", "doses_file", "doses", "invalid_persons",
                     "invalid_doses", "seconds"});
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2f", seconds);
  table.add_row({summary.persons_file.string(), std::to_string(summary.persons),
                 summary.doses_file.string(), std::to_string(summary.doses),
                 std::to_string(summary.invalid_in_persons()),
                 std::to_string(summary.invalid_in_doses()), secs});
  table.print(std::cout, context.format());
}

}  // namespace

void add_generate_command(CLI::App& app, Context& context) {
  auto o = std::make_shared<GenerateOptions>();
  auto* cmd = app.add_subcommand(
      "generate", "Write a deterministic synthetic population of an area (persons.csv, doses.csv)");
  cmd->add_option("--area", o->area, "Area TREE:CODE whose communes get the persons")
      ->capture_default_str();
  cmd->add_option("--persons", o->persons, "How many persons (10 thousand to 10 million)")
      ->capture_default_str();
  cmd->add_option("--seed", o->seed, "Same seed, same files")->capture_default_str();
  cmd->add_option("--out", o->out, "Output directory")->capture_default_str();
  cmd->add_option("--as-of", o->as_of, "No history after this date")->capture_default_str();
  cmd->add_option("--invalid-rate", o->invalid_rate, "Share of rows made invalid on purpose")
      ->check(CLI::Range(0.0, 0.5))
      ->capture_default_str();
  cmd->callback([&context, o] { generate(context, *o); });
}

}  // namespace phongdich::cli
