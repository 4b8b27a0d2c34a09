// A plain HTTP/1.1 client for tests that talk to a real `phongdich serve`, and
// the server process itself, started on a free port.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/cli_runner.hpp"

namespace phongdich::testing {

struct HttpAnswer {
  int status = 0;                              // 0: no answer (connection refused or cut)
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
};

// One request on a fresh connection ("Connection: close").
HttpAnswer http_call(int port, const std::string& method, const std::string& target,
                     const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {});

// The port a `phongdich serve --port 0` process says it listens on, waited for
// up to a minute; 0 when it never says so (or exits first).
int listening_port(CliProcess& server);

// `phongdich <args> serve --port 0 ...`, waited for until it listens.
class ServerProcess {
 public:
  // `args`: global options (before `serve`); `serve_args`: options of `serve`.
  ServerProcess(std::vector<std::string> args, const std::filesystem::path& scratch,
                const std::vector<std::string>& serve_args = {});
  int port() const { return port_; }
  CliProcess& process() { return *process_; }
  // Logs in and returns the bearer token ("" when refused).
  std::string login(const std::string& username, const std::string& password) const;

 private:
  std::unique_ptr<CliProcess> process_;
  int port_ = 0;
};

}  // namespace phongdich::testing
