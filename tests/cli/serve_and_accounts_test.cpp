// The server and account administration as an operator runs them: the first
// administrator made from the command line, the server started on a free
// port, answering over HTTP, stopped by SIGTERM; the audit chain verified and
// a tampered entry caught.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <regex>

#include "cli/cli_runner.hpp"
#include "cli/http_test_client.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace phongdich::testing {
namespace {

// One HTTP/1.1 exchange on a plain socket; returns the whole answer.
std::string http_exchange(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  std::string answer;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    ::send(fd, request.data(), request.size(), 0);
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) answer.append(buffer, n);
  }
  ::close(fd);
  return answer;
}

std::string post_json(const std::string& path, const std::string& body) {
  return "POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" +
         "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

class ServeAndAccounts : public ::testing::Test {
 protected:
  std::vector<std::string> with_db(std::vector<std::string> args) const {
    std::vector<std::string> all = {"--db", (dir_ / "registry.db").string()};
    all.insert(all.end(), args.begin(), args.end());
    return all;
  }
  // Creates an account with a generated password and returns the password.
  std::string add_user(const std::string& name, const std::string& role, const std::string& area) {
    const CliResult r = run_cli(
        with_db({"user", "add", name, "--role", role, "--area", area, "--generate-password"}),
        dir_.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::smatch match;
    const std::regex line("password for " + name + ": (\\S+)");
    return std::regex_search(r.err, match, line) ? match[1].str() : "";
  }

  CliTempDir dir_;
};

TEST_F(ServeAndAccounts, TheFirstAdministratorIsMadeFromTheCommandLine) {
  const std::string password = add_user("admin", "administrator", "vn2022:79");
  EXPECT_EQ(password.size(), 16u);
  const CliResult list = run_cli(with_db({"user", "list", "--format", "csv"}), dir_.path());
  EXPECT_NE(list.out.find("admin,administrator,vn2022:79"), std::string::npos) << list.out;
  // The password is shown once and stored only as an argon2id hash.
  EXPECT_EQ(list.out.find(password), std::string::npos);

  const CliResult again = run_cli(with_db({"user", "add", "admin", "--role", "auditor", "--area",
                                           "vn2022:79", "--generate-password"}),
                                  dir_.path());
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("user.username_taken"), std::string::npos) << again.err;

  const CliResult bad_role = run_cli(with_db({"user", "add", "x.y", "--role", "superuser", "--area",
                                              "vn2022:79", "--generate-password"}),
                                     dir_.path());
  EXPECT_EQ(bad_role.exit_code, 2);
  const CliResult no_password = run_cli(
      with_db({"user", "add", "x.y", "--role", "auditor", "--area", "vn2022:79"}), dir_.path());
  EXPECT_EQ(no_password.exit_code, 2) << "there is no default password";
}

// A standby for the reads is a PostgreSQL standby of a PostgreSQL --db.
TEST_F(ServeAndAccounts, AReadStandbyBesideAnEmbeddedStoreIsAUsageError) {
  const CliResult refused = run_cli(
      with_db({"serve", "--port", "0", "--db-read", (dir_ / "other.db").string()}), dir_.path());
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_NE(refused.err.find("--db-read"), std::string::npos) << refused.err;
}

TEST_F(ServeAndAccounts, ServesOverHttpAndStopsCleanlyOnSigterm) {
  const std::string password = add_user("cdc.hcm", "province_officer", "vn2022:79");
  CliProcess server(with_db({"serve", "--port", "0", "--access-log", "off"}), dir_.path());
  const int port = listening_port(server);
  ASSERT_NE(port, 0) << read_file(server.err_path());
  // On SQLite, reads work rather than wait: a few threads are enough.
  EXPECT_NE(read_file(server.err_path()).find("/api/v1, 4 threads,"), std::string::npos)
      << read_file(server.err_path());

  const std::string health =
      http_exchange(port, "GET /ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(health.find("HTTP/1.1 200"), std::string::npos) << health;
  const std::string login =
      http_exchange(port, post_json("/api/v1/auth/login",
                                    R"({"username":"cdc.hcm","password":")" + password + R"("})"));
  EXPECT_NE(login.find("HTTP/1.1 200"), std::string::npos) << login;
  EXPECT_NE(login.find("\"token\""), std::string::npos);
  const std::string wrong = http_exchange(
      port,
      post_json("/api/v1/auth/login", R"({"username":"cdc.hcm","password":"nope-nope-nope"})"));
  EXPECT_NE(wrong.find("HTTP/1.1 401"), std::string::npos) << wrong;

  server.terminate();
  const CliResult stopped = server.wait();
  EXPECT_EQ(stopped.exit_code, 0) << stopped.err;
  EXPECT_NE(stopped.err.find("stopped"), std::string::npos) << stopped.err;

  // The login, the failed login and the account's creation are in the trail.
  const CliResult trail = run_cli(with_db({"audit", "search", "--format", "csv"}), dir_.path());
  EXPECT_NE(trail.out.find("user.create"), std::string::npos) << trail.out;
  EXPECT_NE(trail.out.find(",login,"), std::string::npos) << trail.out;
  EXPECT_NE(trail.out.find("login.failed"), std::string::npos) << trail.out;
}

TEST_F(ServeAndAccounts, AuditIndexIndexesTheTrailBesideTheDatabase) {
  add_user("admin", "administrator", "vn2022:79");
  add_user("auditor", "auditor", "vn2022:79");
  const std::string index_file = (dir_ / "registry.db.audit-index").string();
  EXPECT_FALSE(std::filesystem::exists(index_file));
  const CliResult indexed = run_cli(with_db({"audit", "index", "--format", "csv"}), dir_.path());
  EXPECT_EQ(indexed.exit_code, 0) << indexed.out << indexed.err;
  EXPECT_EQ(indexed.out, "indexed\nyes\n");
  EXPECT_TRUE(std::filesystem::exists(index_file));
  // A search by record now goes through the index, and finds the auditor's creation alone.
  const CliResult trail =
      run_cli(with_db({"audit", "search", "--target", "user:2", "--format", "csv"}), dir_.path());
  EXPECT_NE(trail.out.find(",user.create,user:2,"), std::string::npos) << trail.out;
  EXPECT_EQ(trail.out.find("user:1"), std::string::npos) << trail.out;
}

TEST_F(ServeAndAccounts, AuditVerifyCatchesAnEditedEntry) {
  add_user("admin", "administrator", "vn2022:79");
  add_user("auditor", "auditor", "vn2022:79");
  const CliResult intact = run_cli(with_db({"audit", "verify"}), dir_.path());
  EXPECT_EQ(intact.exit_code, 0) << intact.out << intact.err;
  {
    SqliteStore store((dir_ / "registry.db").string());
    store.db().exec("UPDATE audit_log SET detail = 'ministry' WHERE seq = 1");
  }
  const CliResult broken = run_cli(with_db({"audit", "verify", "--format", "csv"}), dir_.path());
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.out.find("no,1,1,entry 1 was edited"), std::string::npos) << broken.out;
}

}  // namespace
}  // namespace phongdich::testing
