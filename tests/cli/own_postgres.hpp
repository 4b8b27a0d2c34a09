// A PostgreSQL server of a test's own (scripts/test-postgres.sh), which the
// test may stop and start, with a hot standby on request; and a small registry
// on it for the server tests.
#pragma once

#include <string>

#include "cli/cli_runner.hpp"

namespace phongdich::testing {

class OwnPostgres {
 public:
  OwnPostgres();   // starts the server (url() is empty when that failed)
  ~OwnPostgres();  // stops it, and its standby
  OwnPostgres(const OwnPostgres&) = delete;
  OwnPostgres& operator=(const OwnPostgres&) = delete;

  const std::string& url() const { return url_; }
  bool started() const { return !url_.empty() && !dir_.empty(); }
  bool halt() { return halt_dir(dir_); }
  bool resume() { return resume_dir(dir_); }

  // A streaming hot standby of this server (scripts/test-postgres.sh replica).
  bool start_standby();
  const std::string& standby_url() const { return standby_url_; }
  bool halt_standby() { return halt_dir(standby_dir_); }
  bool resume_standby() { return resume_dir(standby_dir_); }

 private:
  static bool halt_dir(const std::string& dir);
  static bool resume_dir(const std::string& dir);

  std::string url_, dir_, standby_url_, standby_dir_;
};

// 200 generated persons of Phường 15 imported into `db`, and the account
// cdc.hcm, a province officer of Hồ Chí Minh City; returns its password ("" if
// a step failed).
std::string prepare_small_area(const std::string& db, const CliTempDir& dir, int seed);

}  // namespace phongdich::testing
