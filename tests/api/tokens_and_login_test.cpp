// Who gets in: bearer tokens (missing, garbage, forged, logged out, expired),
// the per-account lockout after repeated wrong passwords, the per-address login
// throttle, and the audit entries logins leave behind.
#include "api/api_fixture.hpp"
#include "api/login_throttle.hpp"

namespace phongdich::testing {
namespace {

constexpr int64_t kMinuteMs = 60'000;
constexpr int64_t kHourMs = 60 * kMinuteMs;

std::string login_body(const std::string& username, const std::string& password) {
  return nlohmann::json{{"username", username}, {"password", password}}.dump();
}

std::string error_code(const HttpAnswer& answer) {
  const auto json = answer.json();
  if (!json.is_object() || !json.contains("error")) return "";
  return json["error"].value("code", "");
}

class TokensAndLogin : public ApiTest {
 protected:
  HttpAnswer try_login(const std::string& username, const std::string& password) {
    return call("POST", "/api/v1/auth/login", "", login_body(username, password));
  }

  HttpAnswer me(const std::string& token) { return call("GET", "/api/v1/auth/me", token); }

  nlohmann::json audit(const std::string& auditor_token, const std::string& query) {
    const HttpAnswer answer = call("GET", "/api/v1/audit?" + query, auditor_token);
    EXPECT_EQ(answer.status, 200) << answer.body;
    const auto json = answer.json();
    return json.is_object() ? json["items"] : nlohmann::json::array();
  }
};

TEST_F(TokensAndLogin, RequestsWithoutAValidTokenAre401) {
  const std::string real = login("commune_staff");
  std::string forged = real;  // the right length and alphabet, but not issued
  for (char& c : forged) c = c == 'A' ? 'B' : 'A';
  // clang-format off
  const struct { std::string name; std::map<std::string, std::string> headers; std::string code; } rows[] = {
    {"no header",            {},                                                   "auth.required"},
    {"empty header",         {{"authorization", ""}},                              "auth.required"},
    {"basic scheme",         {{"authorization", "Basic Y29tbXVuZTpwdw=="}},        "auth.required"},
    {"lower-case scheme",    {{"authorization", "bearer " + real}},                "auth.required"},
    {"bearer, no token",     {{"authorization", "Bearer "}},                       "auth.required"},  // the blank is trimmed
    {"garbage",              {{"authorization", "Bearer garbage"}},                "auth.invalid_token"},
    {"forged, right length", {{"authorization", "Bearer " + forged}},              "auth.invalid_token"},
    {"token with a suffix",  {{"authorization", "Bearer " + real + "x"}},          "auth.invalid_token"},
    {"token cut short",      {{"authorization", "Bearer " + real.substr(1)}},      "auth.invalid_token"},
    {"token hash as token",  {{"authorization", "Bearer " + Accounts::hash_token(real)}}, "auth.invalid_token"},
    {"sql in token",         {{"authorization", "Bearer ' OR 1=1 --"}},            "auth.invalid_token"},
  };
  // clang-format on
  for (const auto& row : rows) {
    const HttpAnswer answer = http_call(port(), "GET", "/api/v1/auth/me", "", row.headers);
    EXPECT_EQ(answer.status, 401) << row.name << ": " << answer.body;
    EXPECT_EQ(error_code(answer), row.code) << row.name;
    EXPECT_EQ(answer.headers.count("www-authenticate") ? answer.headers.at("www-authenticate") : "",
              "Bearer")
        << row.name;
  }
  EXPECT_EQ(me(real).status, 200) << "the real token still works";
}

TEST_F(TokensAndLogin, ATokenEndsAtLogout) {
  const std::string token = login("commune_staff");
  const std::string other = login("commune_staff");
  ASSERT_EQ(me(token).status, 200);
  EXPECT_EQ(call("POST", "/api/v1/auth/logout", token).status, 204);
  const HttpAnswer after = me(token);
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(error_code(after), "auth.invalid_token");
  // Logging out twice changes nothing; the other session of the user lives on.
  EXPECT_EQ(call("POST", "/api/v1/auth/logout", token).status, 401);
  EXPECT_EQ(me(other).status, 200);
}

TEST_F(TokensAndLogin, ATokenEndsAfterTheSessionTtl) {
  const std::string token = login("district_officer");
  clock_ms_ += 8 * kHourMs - 1000;
  EXPECT_EQ(me(token).status, 200) << "a second before the 8 h end";
  clock_ms_ += 1000;
  const HttpAnswer expired = me(token);
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(error_code(expired), "auth.invalid_token");
  clock_ms_ += kHourMs;
  EXPECT_EQ(me(token).status, 401);
  EXPECT_EQ(me(login("district_officer")).status, 200) << "a new login works";
}

TEST_F(TokensAndLogin, AnswersTellNothingAboutWhichUsernamesExist) {
  const HttpAnswer unknown = try_login("no.such.user", "whatever-password");
  const HttpAnswer wrong = try_login("commune_staff", "whatever-password");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(error_code(unknown), "auth.bad_credentials");
  EXPECT_EQ(unknown.body, wrong.body);
}

TEST_F(TokensAndLogin, FiveWrongPasswordsLockTheAccountFor15Minutes) {
  for (int attempt = 1; attempt <= 5; ++attempt) {
    const HttpAnswer answer =
        try_login("commune_staff", "wrong-password-" + std::to_string(attempt));
    EXPECT_EQ(answer.status, 401) << attempt;
    EXPECT_EQ(error_code(answer), "auth.bad_credentials") << attempt;
  }
  // Now even the right password is refused, with when to come back.
  const HttpAnswer locked = try_login("commune_staff", kPassword);
  EXPECT_EQ(locked.status, 401) << locked.body;
  EXPECT_EQ(error_code(locked), "auth.locked");
  ASSERT_TRUE(locked.headers.count("retry-after"));
  const int retry_after = std::stoi(locked.headers.at("retry-after"));
  EXPECT_GT(retry_after, 0);
  EXPECT_LE(retry_after, 15 * 60);
  // Another account is not affected.
  EXPECT_EQ(try_login("district_officer", kPassword).status, 200);

  clock_ms_ += 14 * kMinuteMs;
  EXPECT_EQ(error_code(try_login("commune_staff", kPassword)), "auth.locked") << "14 min later";
  clock_ms_ += kMinuteMs;
  const HttpAnswer again = try_login("commune_staff", kPassword);
  EXPECT_EQ(again.status, 200) << "15 min later: " << again.body;
  EXPECT_EQ(me(again.json().value("token", "")).status, 200);
}

TEST_F(TokensAndLogin, FourWrongPasswordsThenTheRightOneStartTheCountAgain) {
  for (int attempt = 0; attempt < 4; ++attempt) try_login("commune_staff", "wrong-password");
  EXPECT_EQ(try_login("commune_staff", kPassword).status, 200);
  for (int attempt = 0; attempt < 4; ++attempt) try_login("commune_staff", "wrong-password");
  EXPECT_EQ(try_login("commune_staff", kPassword).status, 200) << "the count was reset";
}

// The throttle as a unit: 3 attempts a sliding minute per address.
TEST(LoginThrottleTable, CountsAttemptsPerAddressInASlidingMinute) {
  struct Row {
    std::string address;
    int64_t at_ms;
    bool allowed;
    int64_t retry_after_s;
  };
  // clang-format off
  const Row rows[] = {
    {"10.0.0.1",      0, true,   0},
    {"10.0.0.1",  1'000, true,   0},
    {"10.0.0.1",  2'500, true,   0},
    {"10.0.0.1",  3'000, false, 57},  // the 4th in the minute; the 1st leaves at 60 s
    {"10.0.0.1", 59'999, false,  1},  // refused attempts are not counted
    {"10.0.0.2", 59'999, true,   0},  // another address has its own budget
    {"10.0.0.1", 60'000, true,   0},  // the attempt at 0 has left the window
    {"10.0.0.1", 60'001, false,  1},  // 1 000, 2 500 and 60 000 are in it
    {"10.0.0.1", 62'500, true,   0},  // 1 000 and 2 500 have left: 60 000 is alone
    {"10.0.0.1", 62'500, true,   0},  // two attempts in the same millisecond both count
    {"10.0.0.1", 62'500, false, 58},  // 60 000 and 2 × 62 500 fill the budget
    {"",         0,      true,   0},  // an unknown address is still an address
  };
  // clang-format on
  api::LoginThrottle throttle(3);
  for (const Row& row : rows) {
    int64_t retry_after = -1;
    const bool allowed = throttle.allow(row.address, row.at_ms, retry_after);
    EXPECT_EQ(allowed, row.allowed) << row.address << " at " << row.at_ms;
    EXPECT_EQ(retry_after, row.retry_after_s) << row.address << " at " << row.at_ms;
  }
}

TEST_F(TokensAndLogin, TheFourthLoginInAMinuteFromOneAddressIs429) {
  // A service of its own, as the fixture builds one, with a budget of 3.
  api::ApiServiceOptions options;
  options.accounts.argon2_ops_limit = 1;
  options.accounts.argon2_mem_limit = 8192;
  options.login_attempts_per_minute = 3;
  options.clock_ms = [this] { return clock_ms_.load(); };
  options.today = Date::parse_iso("2022-09-24");
  api::ApiService service(*registry_, options);
  api::HttpServerOptions server_options;
  server_options.port = 0;
  server_options.read_timeout = std::chrono::milliseconds(1500);
  api::HttpServer server(
      server_options, [&service](api::HttpRequest& r) { return service.handle(r); }, nullptr);
  server.start();
  const auto attempt = [&](const std::string& password) {
    return http_call(server.port(), "POST", "/api/v1/auth/login",
                     login_body("commune_staff", password));
  };

  EXPECT_EQ(attempt(kPassword).status, 200);
  EXPECT_EQ(attempt("wrong-password").status, 401);  // failures count as attempts too
  clock_ms_ += 30'000;
  EXPECT_EQ(attempt(kPassword).status, 200);
  const HttpAnswer fourth = attempt(kPassword);
  EXPECT_EQ(fourth.status, 429) << fourth.body;
  EXPECT_EQ(error_code(fourth), "auth.rate_limited");
  ASSERT_TRUE(fourth.headers.count("retry-after"));
  EXPECT_EQ(fourth.headers.at("retry-after"), "30");
  // Any account from the same address is refused: the budget is the address's.
  EXPECT_EQ(http_call(server.port(), "POST", "/api/v1/auth/login",
                      login_body("district_officer", kPassword))
                .status,
            429);
  clock_ms_ += 30'000;
  EXPECT_EQ(attempt(kPassword).status, 200) << "the first two attempts left the window";
  server.stop();
  server.wait();
}

TEST_F(TokensAndLogin, LoginsAreAuditedWhereTheDistrictAuditorSeesThem) {
  login("commune_staff");  // Phường 15, inside the auditor's Quận 11
  login("outside.user");   // Phường Bến Nghé, Quận 1
  const std::string auditor = login("auditor");
  const auto entries = audit(auditor, "action=login");
  bool inside_seen = false;
  for (const auto& entry : entries) {
    EXPECT_NE(entry["actor"], "outside.user") << "a Quận 1 login shown to a Quận 11 auditor";
    if (entry["actor"] == "commune_staff") {
      inside_seen = true;
      EXPECT_EQ(entry["outcome"], "ok");
      EXPECT_EQ(entry["area"], kInsideCommune);
      EXPECT_EQ(entry["remote"], "127.0.0.1");
    }
  }
  EXPECT_TRUE(inside_seen) << entries.dump();
}

TEST_F(TokensAndLogin, FailedLoginsAreAudited) {
  try_login("commune_staff", "wrong-password");
  try_login("no.such.user", "wrong-password");
  const std::string root = root_auditor();
  // A wrong password answers as an unknown name would, but the trail names
  // the account and its area, so the auditor of that area sees the guessing.
  const auto failed = audit(root, "action=login.failed");
  std::map<std::string, nlohmann::json> by_actor;
  for (const auto& entry : failed) by_actor[entry["actor"]] = entry;
  ASSERT_TRUE(by_actor.count("commune_staff")) << failed.dump();
  ASSERT_TRUE(by_actor.count("no.such.user")) << failed.dump();
  EXPECT_EQ(by_actor["commune_staff"]["outcome"], "denied");
  EXPECT_EQ(by_actor["commune_staff"]["detail"], "bad credentials");
  EXPECT_EQ(by_actor["commune_staff"]["area"], kInsideCommune);
  EXPECT_TRUE(by_actor["no.such.user"]["area"].is_null()) << "no account, no area";
  const std::string district = login("auditor");
  const auto seen = audit(district, "action=login.failed");
  ASSERT_EQ(seen.size(), 1u) << seen.dump();
  EXPECT_EQ(seen[0]["actor"], "commune_staff");

  // A refusal while locked names the account, so the district auditor sees it.
  // With the failure above, the 4th of these locks; the 5th meets the lock.
  for (int i = 0; i < 5; ++i) try_login("commune_staff", "wrong-password");
  try_login("commune_staff", kPassword);
  const auto entries = audit(district, "action=login.failed&actor=commune_staff");
  std::vector<nlohmann::json> locked;
  for (const auto& entry : entries) {
    if (entry["detail"] == "locked") locked.push_back(entry);
  }
  ASSERT_EQ(locked.size(), 2u) << entries.dump();
  for (const auto& entry : locked) {
    EXPECT_EQ(entry["detail"], "locked");
    EXPECT_EQ(entry["outcome"], "denied");
    EXPECT_EQ(entry["area"], kInsideCommune);
    EXPECT_EQ(entry["target"], "user:1");
  }
}

TEST_F(TokensAndLogin, ThrottledLoginsAreAudited) {
  // One service per store at a time: the fixture's steps aside for one with a
  // login budget of 1 a minute.
  server_->stop();
  server_->wait();
  server_.reset();
  service_.reset();
  api::ApiServiceOptions options;
  options.accounts.argon2_ops_limit = 1;
  options.accounts.argon2_mem_limit = 8192;
  options.login_attempts_per_minute = 1;
  options.clock_ms = [this] { return clock_ms_.load(); };
  {
    api::ApiService service(*registry_, options);
    const auto attempt = [&] {
      api::HttpRequest request;
      request.method = "POST";
      request.path = "/api/v1/auth/login";
      request.headers["content-type"] = "application/json";
      request.body = login_body("commune_staff", kPassword);
      request.remote = "192.0.2.7";
      return service.handle(request);
    };
    EXPECT_EQ(attempt().status, 200);
    EXPECT_EQ(attempt().status, 429);
  }  // the service commits its waiting audit entries as it ends
  AuditQuery query;
  query.action = "login.throttled";
  const auto entries = AuditLog(registry_->store()).search(query);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].remote, "192.0.2.7");
  EXPECT_EQ(entries[0].outcome, "denied");
}

}  // namespace
}  // namespace phongdich::testing
