#include "cli/http_test_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

namespace phongdich::testing {
namespace {

HttpAnswer parse_answer(const std::string& raw) {
  HttpAnswer answer;
  const size_t head_end = raw.find("\r\n\r\n");
  if (raw.rfind("HTTP/1.1 ", 0) != 0 || head_end == std::string::npos) return answer;
  answer.status = std::stoi(raw.substr(9, 3));
  size_t line = raw.find("\r\n") + 2;
  while (line < head_end) {
    const size_t end = raw.find("\r\n", line);
    const std::string header = raw.substr(line, end - line);
    const size_t colon = header.find(':');
    if (colon != std::string::npos) {
      std::string name = header.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(), ::tolower);
      answer.headers[name] = header.substr(header.find_first_not_of(' ', colon + 1));
    }
    line = end + 2;
  }
  answer.body = raw.substr(head_end + 4);
  return answer;
}

}  // namespace

HttpAnswer http_call(int port, const std::string& method, const std::string& target,
                     const std::string& body, const std::map<std::string, std::string>& headers) {
  std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                        "Connection: close\r\nContent-Length: " + std::to_string(body.size()) +
                        "\r\n";
  if (!body.empty()) request += "Content-Type: application/json\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  request += "\r\n" + body;

  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  std::string raw;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    char buffer[16384];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) raw.append(buffer, n);
  }
  ::close(fd);
  return parse_answer(raw);
}

ServerProcess::ServerProcess(std::vector<std::string> args, const std::filesystem::path& scratch,
                             const std::vector<std::string>& serve_args) {
  args.insert(args.end(), {"serve", "--port", "0", "--access-log", "off", "--threads", "4"});
  args.insert(args.end(), serve_args.begin(), serve_args.end());
  process_ = std::make_unique<CliProcess>(args, scratch);
  port_ = listening_port(*process_);
}

int listening_port(CliProcess& server) {
  const std::regex listening("on http://127\\.0\\.0\\.1:(\\d+)/");
  for (int i = 0; i < 1200 && server.running(); ++i) {
    std::smatch match;
    const std::string err = read_file(server.err_path());
    if (std::regex_search(err, match, listening)) return std::stoi(match[1].str());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return 0;
}

std::string ServerProcess::login(const std::string& username, const std::string& password) const {
  const HttpAnswer answer =
      http_call(port_, "POST", "/api/v1/auth/login",
                nlohmann::json{{"username", username}, {"password", password}}.dump());
  if (answer.status != 200) return "";
  return nlohmann::json::parse(answer.body).at("token").get<std::string>();
}

}  // namespace phongdich::testing
