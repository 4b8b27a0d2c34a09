// Runs the real `phongdich` program (PHONGDICH_BINARY) in a child process and
// captures its exit code, stdout and stderr.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/temp_dir.hpp"

namespace phongdich::testing {

using CliTempDir = TempDir;

struct CliResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

// The program, started with `args` in the directory `scratch`, where its output
// goes to files.
class CliProcess {
 public:
  CliProcess(const std::vector<std::string>& args, const std::filesystem::path& scratch);
  ~CliProcess();
  CliProcess(const CliProcess&) = delete;
  CliProcess& operator=(const CliProcess&) = delete;

  // True while the program runs (reaps it when it has ended).
  bool running();
  void kill_now();   // SIGKILL
  void terminate();  // SIGTERM: the polite stop a service manager sends
  CliResult wait();
  bool killed_by_signal() const { return signalled_; }
  // Standard error so far (the program may still be writing it).
  const std::filesystem::path& err_path() const { return err_path_; }

 private:
  pid_t pid_ = -1;
  bool done_ = false;
  bool signalled_ = false;
  int status_ = 0;
  std::filesystem::path out_path_, err_path_;
};

CliResult run_cli(const std::vector<std::string>& args, const std::filesystem::path& scratch);

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& text);

}  // namespace phongdich::testing
