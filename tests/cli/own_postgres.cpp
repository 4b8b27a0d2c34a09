#include "cli/own_postgres.hpp"

#include <cstdio>
#include <regex>

namespace phongdich::testing {
namespace {

const std::string kScript = std::string(PHONGDICH_SOURCE_DIR) + "/scripts/test-postgres.sh";

// Runs `command` and returns its standard output (empty when it failed).
std::string shell(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
  return ::pclose(pipe) == 0 ? out : "";
}

std::string value_of(const std::string& out, const std::string& name) {
  std::smatch match;
  if (std::regex_search(out, match, std::regex(name + "=(\\S+)"))) return match[1].str();
  return "";
}

}  // namespace

OwnPostgres::OwnPostgres() {
  const std::string out = shell(kScript + " start 2>/dev/null");
  url_ = value_of(out, "PHONGDICH_TEST_POSTGRES_URL");
  dir_ = value_of(out, "PHONGDICH_TEST_POSTGRES_DIR");
}

OwnPostgres::~OwnPostgres() {
  if (!dir_.empty()) shell(kScript + " stop " + dir_);
}

bool OwnPostgres::start_standby() {
  const std::string out = shell(kScript + " replica " + dir_);
  standby_url_ = value_of(out, "PHONGDICH_TEST_POSTGRES_REPLICA_URL");
  standby_dir_ = value_of(out, "PHONGDICH_TEST_POSTGRES_REPLICA_DIR");
  return !standby_url_.empty() && !standby_dir_.empty();
}

bool OwnPostgres::halt_dir(const std::string& dir) {
  return !shell(kScript + " halt " + dir + " && echo ok").empty();
}

bool OwnPostgres::resume_dir(const std::string& dir) {
  return !shell(kScript + " resume " + dir + " && echo ok").empty();
}

std::string prepare_small_area(const std::string& db, const CliTempDir& dir, int seed) {
  const std::string generated = (dir / "gen").string();
  if (run_cli({"generate", "--area", "vn2022:27208", "--persons", "200", "--seed",
               std::to_string(seed), "--out", generated},
              dir.path())
          .exit_code != 0) {
    return "";
  }
  // Exit 1: some rows rejected, as the generator intends.
  if (run_cli({"--db", db, "import", "persons", generated + "/persons.csv"}, dir.path()).exit_code >
      1) {
    return "";
  }
  const CliResult user = run_cli({"--db", db, "user", "add", "cdc.hcm", "--role",
                                  "province_officer", "--area", "vn2022:79", "--generate-password"},
                                 dir.path());
  std::smatch match;
  if (!std::regex_search(user.err, match, std::regex("password for cdc.hcm: (\\S+)"))) return "";
  return match[1].str();
}

}  // namespace phongdich::testing
