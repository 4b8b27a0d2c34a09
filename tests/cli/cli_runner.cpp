#include "cli/cli_runner.hpp"

#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>
#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace phongdich::testing {

CliProcess::CliProcess(const std::vector<std::string>& args, const std::filesystem::path& scratch) {
  // Each run gets its own output files, so runs in one directory never mix.
  static std::atomic<int> counter{0};
  const std::string stem = "run" + std::to_string(counter++);
  out_path_ = scratch / (stem + ".out");
  err_path_ = scratch / (stem + ".err");

  std::vector<std::string> argv_text = {PHONGDICH_BINARY};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  // Run from the scratch directory: the program must not depend on the caller's
  // working directory (it finds its reference data by itself).
  posix_spawn_file_actions_addchdir_np(&actions, scratch.c_str());
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path_.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path_.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv_text[0]);
}

CliProcess::~CliProcess() {
  if (!done_) {
    ::kill(pid_, SIGKILL);
    wait();
  }
}

bool CliProcess::running() {
  if (done_) return false;
  const pid_t r = ::waitpid(pid_, &status_, WNOHANG);
  if (r == pid_) done_ = true;
  return !done_;
}

void CliProcess::kill_now() {
  if (!done_) ::kill(pid_, SIGKILL);
}

void CliProcess::terminate() {
  if (!done_) ::kill(pid_, SIGTERM);
}

CliResult CliProcess::wait() {
  if (!done_) {
    while (::waitpid(pid_, &status_, 0) < 0) {
    }
    done_ = true;
  }
  CliResult result;
  signalled_ = WIFSIGNALED(status_);
  result.exit_code = WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
  result.out = read_file(out_path_);
  result.err = read_file(err_path_);
  return result;
}

CliResult run_cli(const std::vector<std::string>& args, const std::filesystem::path& scratch) {
  CliProcess process(args, scratch);
  return process.wait();
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace phongdich::testing
