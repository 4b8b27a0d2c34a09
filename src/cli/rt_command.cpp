// phongdich rt --incidence FILE (--si-mean M --si-sd S | --si-distr FILE)
//
// Rt over time windows by Cori et al. (2013) as EpiEstim computes it, printed
// with EpiEstim's columns so that it can be set beside a published result
// (docs/rt.md). Needs no database.
#include "cli/context.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <variant>

#include "domain/reproduction_number.hpp"
#include "ingest/incidence_file.hpp"
#include "ingest/serial_interval_file.hpp"

namespace phongdich::cli {
namespace {

struct RtCommandOptions {
  std::string incidence;
  std::optional<double> si_mean;
  std::optional<double> si_sd;
  std::string si_distr;
  std::vector<int32_t> t_start;
  std::vector<int32_t> t_end;
  int32_t window = 7;
  double mean_prior = 5;
  double std_prior = 5;
};

const std::vector<std::string> kColumns = {
    "t_start",          "t_end",     "date_start",        "date_end",
    "Mean(R)",          "Std(R)",    "Quantile.0.025(R)", "Quantile.0.05(R)",
    "Quantile.0.25(R)", "Median(R)", "Quantile.0.75(R)",  "Quantile.0.95(R)",
    "Quantile.0.975(R)"};

[[noreturn]] void reject(const Context& context, const Violations& violations) {
  print_violations(context, violations);
  throw Exit{kRejected};
}

// The line goes into the messages: a violation has no place for it of its own.
[[noreturn]] void reject(const Context& context, const LineViolations& violations) {
  Violations shown;
  for (const LineViolation& v : violations) shown.push_back(with_line_in_message(v));
  reject(context, shown);
}

std::ifstream open_input(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "error: cannot read " << path << "\n";
    throw Exit{kUsage};
  }
  return in;
}

IncidenceTable read_incidence(const Context& context, const std::string& path) {
  std::ifstream in = open_input(path);
  auto table = read_incidence_csv(in);
  if (auto* bad = std::get_if<LineViolations>(&table)) reject(context, *bad);
  return std::get<IncidenceTable>(std::move(table));
}

SerialInterval serial_interval(const Context& context, const RtCommandOptions& o, size_t days) {
  std::variant<SerialInterval, Violations> si = Violations{};
  if (!o.si_distr.empty()) {
    std::ifstream in = open_input(o.si_distr);
    auto weights = read_serial_interval_csv(in);
    if (auto* bad = std::get_if<LineViolations>(&weights)) reject(context, *bad);
    si = SerialInterval::from_distribution(std::get<std::vector<double>>(std::move(weights)));
  } else {
    // EpiEstim discretises a parametric interval over the series' own length.
    si = SerialInterval::discretised_gamma(*o.si_mean, *o.si_sd, days);
  }
  if (auto* bad = std::get_if<Violations>(&si)) reject(context, *bad);
  return std::get<SerialInterval>(std::move(si));
}

std::vector<RtWindow> windows(const Context& context, const RtCommandOptions& o, size_t days) {
  std::vector<RtWindow> chosen;
  if (o.t_start.empty()) {
    chosen = sliding_windows(days, o.window);
    if (chosen.empty()) {
      const std::string width = std::to_string(o.window), needed = std::to_string(o.window + 1),
                        got = std::to_string(days);
      reject(context, {{"rt.too_short", "window", "Rt: windows lie within days 2..T (EpiEstim)",
                        "Khoảng " + width + " ngày cần ít nhất " + needed +
                            " ngày số liệu; tệp có " + got + " ngày.",
                        "A " + width + "-day window needs at least " + needed +
                            " days of counts; the file has " + got + "."}});
    }
    return chosen;
  }
  if (o.t_start.size() != o.t_end.size()) {
    std::cerr << "error: --t-start has " << o.t_start.size() << " values but --t-end has "
              << o.t_end.size() << "\n";
    throw Exit{kUsage};
  }
  for (size_t i = 0; i < o.t_start.size(); ++i) chosen.push_back({o.t_start[i], o.t_end[i]});
  return chosen;
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", value);
  return text;
}

void run_rt(const Context& context, const RtCommandOptions& o) {
  const IncidenceTable incidence = read_incidence(context, o.incidence);
  const SerialInterval si = serial_interval(context, o, incidence.days());
  RtOptions options;
  options.windows = windows(context, o, incidence.days());
  options.mean_prior = o.mean_prior;
  options.std_prior = o.std_prior;
  auto estimated = estimate_reproduction_number(
      {.local = incidence.local, .imported = incidence.imported}, si, options);
  if (auto* bad = std::get_if<Violations>(&estimated)) reject(context, *bad);
  const RtResult& result = std::get<RtResult>(estimated);

  if (result.windows_too_early > 0)
    std::cerr << "note: " << result.windows_too_early
              << " window(s) ending on or before the mean serial interval (" << number(si.mean())
              << " days) left out, as EpiEstim does\n";
  if (result.first_window_below_cv)
    std::cerr << "warning: the first window has fewer than " << result.cases_needed_for_cv
              << " cases: too early in the epidemic for a posterior coefficient of variation of "
                 "0.3 / khoảng đầu tiên có ít hơn "
              << result.cases_needed_for_cv << " ca: còn quá sớm để ước tính R chính xác\n";

  ResultTable table(kColumns);
  for (const RtEstimate& e : result.estimates) {
    std::vector<std::string> row = {std::to_string(e.window.start),
                                    std::to_string(e.window.end),
                                    incidence.labels[e.window.start - 1],
                                    incidence.labels[e.window.end - 1],
                                    number(e.mean),
                                    number(e.sd)};
    for (double q : e.quantiles) row.push_back(number(q));
    table.add_row(std::move(row));
  }
  // CSV unless JSON is asked for: the point is to compare with EpiEstim's output.
  table.print(std::cout, context.format() == Format::json ? Format::json : Format::csv);
}

}  // namespace

void add_rt_command(CLI::App& app, Context& context) {
  auto o = std::make_shared<RtCommandOptions>();
  auto* cmd = app.add_subcommand(
      "rt", "Rt over time (Cori et al. 2013, as EpiEstim) from a daily incidence CSV file");
  cmd->add_option("--incidence", o->incidence,
                  "Daily incidence CSV: I (or local,imported), optional dates/day (docs/rt.md)")
      ->required()
      ->check(CLI::ExistingFile);
  auto* mean = cmd->add_option("--si-mean", o->si_mean, "Mean serial interval in days (> 1)");
  auto* sd =
      cmd->add_option("--si-sd", o->si_sd, "Standard deviation of the serial interval (> 0)");
  auto* distr = cmd->add_option("--si-distr", o->si_distr,
                                "Serial interval distribution CSV: w_0 = 0, w_1, ... (or k,w)")
                    ->check(CLI::ExistingFile);
  mean->needs(sd);
  sd->needs(mean);
  distr->excludes(mean)->excludes(sd);
  auto* t_start = cmd->add_option("--t-start", o->t_start,
                                  "First day of each window (1-based, >= 2); with --t-end")
                      ->delimiter(',');
  auto* t_end = cmd->add_option("--t-end", o->t_end, "Last day of each window; with --t-start")
                    ->delimiter(',');
  auto* window = cmd->add_option("--window", o->window, "Sliding window width in days")
                     ->check(CLI::Range(1, 100000))
                     ->capture_default_str();
  t_start->needs(t_end);
  t_end->needs(t_start);
  window->excludes(t_start)->excludes(t_end);
  cmd->add_option("--mean-prior", o->mean_prior, "Prior mean of R")->capture_default_str();
  cmd->add_option("--std-prior", o->std_prior, "Prior standard deviation of R")
      ->capture_default_str();
  cmd->callback([&context, o, mean, distr] {
    if (mean->count() == 0 && distr->count() == 0)
      throw CLI::RequiredError("--si-mean and --si-sd, or --si-distr");
    run_rt(context, *o);
  });
}

}  // namespace phongdich::cli
