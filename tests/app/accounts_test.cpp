// Accounts: the username and password rules, creating users, login with lockout,
// sessions (expiry, logout, forged tokens) and the administration that ends them.
#include "app/accounts.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <memory>
#include <string>
#include <vector>

#include "app/account_rules.hpp"
#include "common/temp_dir.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace phongdich::testing {
namespace {

constexpr AreaId kProvince = 79;
constexpr AreaId kDistrict = 774;
constexpr AreaId kWard = 27208;
constexpr AreaId kNoSuchArea = 99999;
constexpr int64_t kNow = 1'700'000'000;
const std::string kPassword = "mật khẩu tốt 2022";

AreaForest small_forest() {
  return AreaForest({
      {kProvince, "vn2022", "79", "Thành phố Hồ Chí Minh", AreaLevel::province, std::nullopt,
       std::nullopt},
      {kDistrict, "vn2022", "774", "Quận 5", AreaLevel::district, kProvince, std::nullopt},
      {kWard, "vn2022", "27208", "Phường 15", AreaLevel::commune, kDistrict, std::nullopt},
  });
}

// The libsodium minimum cost keeps each hash well under a millisecond.
AccountsOptions fast_options() {
  AccountsOptions options;
  options.argon2_ops_limit = crypto_pwhash_OPSLIMIT_MIN;
  options.argon2_mem_limit = crypto_pwhash_MEMLIMIT_MIN;
  return options;
}

std::vector<std::string> codes(const Violations& violations) {
  std::vector<std::string> out;
  for (const Violation& v : violations) out.push_back(v.code);
  return out;
}

class AccountsTest : public ::testing::Test {
 protected:
  AccountsTest()
      : store_(std::make_unique<SqliteStore>(dir_.file("accounts.db"))), forest_(small_forest()) {
    store_->replace_areas(forest_);
    accounts_ = std::make_unique<Accounts>(*store_, forest_, fast_options());
  }

  NewUser staff(std::string username = "bs.lan", std::string password = kPassword) {
    NewUser request;
    request.username = std::move(username);
    request.password = std::move(password);
    request.role = Role::commune_staff;
    request.area_id = kWard;
    return request;
  }

  // Creates a user that must be accepted; returns its id.
  int64_t create(const NewUser& request) {
    const CreateUserResult result = accounts_->create_user(request, kNow);
    EXPECT_TRUE(result.violations.empty()) << codes(result.violations).front();
    return result.user ? result.user->id : 0;
  }

  PersonId add_person() {
    StoredPerson row;
    row.person.full_name = "Trần Thị Bình";
    row.person.birth_date = *Date::parse_iso("1960-05-01");
    row.person.area_id = kWard;
    return store_->insert_person(row).id;
  }

  // Logs in with the right password; the session must be granted.
  std::string token(const std::string& username = "bs.lan", int64_t now = kNow) {
    const LoginResult result = accounts_->login(username, kPassword, now);
    EXPECT_EQ(result.outcome, LoginOutcome::ok);
    return result.token;
  }

  TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
  AreaForest forest_;
  std::unique_ptr<Accounts> accounts_;
};

// ---- rules ----

TEST(UsernameRule, Rows) {
  struct Row {
    std::string username;
    bool accepted;
  };
  const std::vector<Row> rows = {
      {"bs.lan", true},
      {"abc", true},                  // 3 characters: the shortest
      {std::string(64, 'a'), true},   // 64: the longest
      {"tram-y-te_p15.q11", true},    // dot, dash, underscore, digits
      {"0123456789", true},           // digits only
      {"ab", false},                  // too short
      {std::string(65, 'a'), false},  // too long
      {"", false},                    // empty
      {"BS.Lan", false},              // capitals: usernames are lower case
      {"bs lan", false},              // space
      {"bs@lan", false},              // other punctuation
      {"lân", false},                 // Vietnamese letters are not ASCII
      {"bs.lan\n", false},            // control character
  };
  for (const Row& row : rows) {
    const auto violation = check_username(row.username);
    EXPECT_EQ(!violation.has_value(), row.accepted) << "'" << row.username << "'";
    if (violation) {
      EXPECT_EQ(violation->code, "user.username_invalid");
      EXPECT_EQ(violation->field, "username");
      EXPECT_FALSE(violation->message_vi.empty());
      EXPECT_FALSE(violation->message_en.empty());
    }
  }
}

TEST(PasswordRule, Rows) {
  struct Row {
    std::string password;
    std::string username;
    std::string code;  // "" = accepted
  };
  const std::vector<Row> rows = {
      {"0123456789", "bs.lan", ""},                                  // 10 characters: enough
      {"012345678", "bs.lan", "user.password_too_short"},            // 9
      {"", "bs.lan", "user.password_too_short"},                     // empty
      {"mậtkhẩuđẹ", "bs.lan", "user.password_too_short"},            // 9 characters, 14 bytes
      {"mậtkhẩuđẹp", "bs.lan", ""},                                  // 10 characters
      {std::string(1024, 'x'), "bs.lan", ""},                        // 1024 bytes: the most
      {std::string(1025, 'x'), "bs.lan", "user.password_too_long"},  // 1025 bytes
      {"tram.y.te.15", "tram.y.te.15", "user.password_is_username"},
      {"TRAM.Y.TE.15", "tram.y.te.15", "user.password_is_username"},  // case does not help
      {"tram.y.te.15!", "tram.y.te.15", ""},                          // longer than the name
  };
  for (const Row& row : rows) {
    const auto violation = check_password(row.password, row.username);
    EXPECT_EQ(violation ? violation->code : "", row.code) << "'" << row.password << "'";
    if (violation) {
      EXPECT_EQ(violation->field, "password");
    }
  }
}

TEST(PasswordRule, MessageNamesTheMinimumInBothLanguages) {
  const auto violation = check_password("ngắn", "bs.lan");
  ASSERT_TRUE(violation.has_value());
  EXPECT_EQ(violation->message_vi, "Mật khẩu phải có ít nhất 10 ký tự.");
  EXPECT_NE(violation->message_en.find("10 characters"), std::string::npos);
}

TEST(HashToken, IsSha256Hex) {
  EXPECT_EQ(Accounts::hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// ---- creating users ----

TEST_F(AccountsTest, CreatedUserHasAnArgon2idHashAndTheRequestedBinding) {
  const CreateUserResult result = accounts_->create_user(staff(), kNow);
  ASSERT_TRUE(result.violations.empty());
  ASSERT_TRUE(result.user.has_value());
  EXPECT_GT(result.user->id, 0);
  EXPECT_EQ(result.user->username, "bs.lan");
  EXPECT_EQ(result.user->role, Role::commune_staff);
  EXPECT_EQ(result.user->area_id, kWard);
  EXPECT_EQ(result.user->created_at, kNow);

  const auto stored = store_->user_by_name("bs.lan");
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->password_hash.rfind("$argon2id$", 0), 0u) << stored->password_hash;
  EXPECT_EQ(stored->password_hash.find(kPassword), std::string::npos);
  EXPECT_EQ(stored->role, "commune_staff");
}

TEST_F(AccountsTest, CreateRejections) {
  create(staff("bs.lan"));
  const PersonId person = add_person();
  struct Row {
    const char* what;
    NewUser request;
    std::vector<std::string> expected;
  };
  auto with = [&](auto&& change) {
    NewUser request = staff("bs.hoa");
    change(request);
    return request;
  };
  const std::vector<Row> rows = {
      {"username taken", staff("bs.lan"), {"user.username_taken"}},
      {"username invalid",
       with([](NewUser& r) { r.username = "Bs Hoa"; }),
       {"user.username_invalid"}},
      {"password too short",
       with([](NewUser& r) { r.password = "ngắn"; }),
       {"user.password_too_short"}},
      {"password is the username",
       with([](NewUser& r) {
         r.password = "bs.hoa.2022";
         r.username = "bs.hoa.2022";
       }),
       {"user.password_is_username"}},
      {"area unknown", with([](NewUser& r) { r.area_id = kNoSuchArea; }), {"user.area_unknown"}},
      {"citizen without a person",
       with([](NewUser& r) { r.role = Role::citizen; }),
       {"user.person_required"}},
      {"staff with a person",
       with([&](NewUser& r) { r.person_id = person; }),
       {"user.person_not_allowed"}},
      {"citizen with an unregistered person",
       with([&](NewUser& r) {
         r.role = Role::citizen;
         r.person_id = person + 1000;
       }),
       {"user.person_unknown"}},
      {"every problem at once",
       with([](NewUser& r) {
         r.username = "x";
         r.password = "short";
         r.area_id = kNoSuchArea;
       }),
       {"user.username_invalid", "user.password_too_short", "user.area_unknown"}},
  };
  for (const Row& row : rows) {
    const CreateUserResult result = accounts_->create_user(row.request, kNow);
    EXPECT_EQ(codes(result.violations), row.expected) << row.what;
    EXPECT_FALSE(result.user.has_value()) << row.what;
  }
  EXPECT_EQ(store_->user_count(), 1);
}

TEST_F(AccountsTest, CitizenIsLinkedToTheirOwnRecord) {
  NewUser request = staff("binh.tran");
  request.role = Role::citizen;
  request.person_id = add_person();
  const CreateUserResult result = accounts_->create_user(request, kNow);
  ASSERT_TRUE(result.user.has_value()) << codes(result.violations).front();
  EXPECT_EQ(result.user->role, Role::citizen);
  EXPECT_EQ(result.user->person_id, request.person_id);
}

// ---- login ----

TEST_F(AccountsTest, GoodPasswordOpensASession) {
  const int64_t id = create(staff());
  const LoginResult result = accounts_->login("bs.lan", kPassword, kNow);
  ASSERT_EQ(result.outcome, LoginOutcome::ok);
  ASSERT_TRUE(result.user.has_value());
  EXPECT_EQ(result.user->id, id);
  EXPECT_EQ(result.token.size(), 43u);  // 32 bytes, base64url without padding
  EXPECT_EQ(result.token.find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_EQ(result.expires_at, kNow + AccountsOptions{}.session_ttl_seconds);

  // Only the token's hash is stored.
  const auto session = store_->session(Accounts::hash_token(result.token));
  ASSERT_TRUE(session.has_value());
  EXPECT_EQ(session->user_id, id);
  EXPECT_FALSE(store_->session(result.token).has_value());

  const auto authenticated = accounts_->authenticate(result.token, kNow + 60);
  ASSERT_TRUE(authenticated.has_value());
  EXPECT_EQ(authenticated->user.username, "bs.lan");
  EXPECT_EQ(authenticated->expires_at, result.expires_at);
  EXPECT_EQ(authenticated->token_hash, Accounts::hash_token(result.token));
}

TEST_F(AccountsTest, EveryLoginGetsItsOwnToken) {
  create(staff());
  EXPECT_NE(token(), token());
}

TEST_F(AccountsTest, UsernameIsFoundWhateverItsCase) {
  create(staff());
  EXPECT_EQ(accounts_->login("BS.Lan", kPassword, kNow).outcome, LoginOutcome::ok);
}

TEST_F(AccountsTest, WrongPasswordAndUnknownUserAnswerAlike) {
  create(staff());
  const LoginResult wrong = accounts_->login("bs.lan", "not the password", kNow);
  const LoginResult unknown = accounts_->login("bs.nobody", kPassword, kNow);
  for (const LoginResult& result : {wrong, unknown}) {
    EXPECT_EQ(result.outcome, LoginOutcome::bad_credentials);
    EXPECT_FALSE(result.user.has_value());
    EXPECT_TRUE(result.token.empty());
  }
}

TEST_F(AccountsTest, FiveFailuresLockTheAccountForTheLockoutTime) {
  const int64_t id = create(staff());
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(accounts_->login("bs.lan", "wrong password", kNow + i).outcome,
              LoginOutcome::bad_credentials);
  }
  const int64_t lockout = AccountsOptions{}.lockout_seconds;
  EXPECT_EQ(store_->user_by_id(id)->locked_until, kNow + 4 + lockout);

  // Even the right password is refused while locked.
  const LoginResult locked = accounts_->login("bs.lan", kPassword, kNow + 10);
  EXPECT_EQ(locked.outcome, LoginOutcome::locked);
  ASSERT_TRUE(locked.user.has_value());
  EXPECT_EQ(locked.user->locked_until, kNow + 4 + lockout);
  EXPECT_TRUE(locked.token.empty());
  EXPECT_EQ(accounts_->login("bs.lan", kPassword, kNow + 4 + lockout - 1).outcome,
            LoginOutcome::locked);

  // At the end of the lockout the right password works again.
  EXPECT_EQ(accounts_->login("bs.lan", kPassword, kNow + 4 + lockout).outcome, LoginOutcome::ok);
  EXPECT_EQ(store_->user_by_id(id)->locked_until, 0);
  EXPECT_EQ(store_->user_by_id(id)->failed_logins, 0);
}

TEST_F(AccountsTest, AGoodLoginResetsTheFailureCount) {
  const int64_t id = create(staff());
  for (int i = 0; i < 4; ++i) accounts_->login("bs.lan", "wrong password", kNow);
  EXPECT_EQ(store_->user_by_id(id)->failed_logins, 4);
  token();
  EXPECT_EQ(store_->user_by_id(id)->failed_logins, 0);
  for (int i = 0; i < 4; ++i) accounts_->login("bs.lan", "wrong password", kNow);
  EXPECT_EQ(accounts_->login("bs.lan", kPassword, kNow).outcome, LoginOutcome::ok);
}

TEST_F(AccountsTest, UnlockEndsALockoutEarly) {
  const int64_t id = create(staff());
  for (int i = 0; i < 5; ++i) accounts_->login("bs.lan", "wrong password", kNow);
  ASSERT_EQ(accounts_->login("bs.lan", kPassword, kNow).outcome, LoginOutcome::locked);
  EXPECT_TRUE(accounts_->unlock(id).empty());
  EXPECT_EQ(accounts_->login("bs.lan", kPassword, kNow).outcome, LoginOutcome::ok);
}

TEST_F(AccountsTest, DisabledAccountCannotLogInAndLosesItsSessions) {
  const int64_t id = create(staff());
  const std::string before = token();
  EXPECT_TRUE(accounts_->set_disabled(id, true).empty());
  EXPECT_FALSE(accounts_->authenticate(before, kNow).has_value());

  const LoginResult result = accounts_->login("bs.lan", kPassword, kNow);
  EXPECT_EQ(result.outcome, LoginOutcome::disabled);
  EXPECT_TRUE(result.token.empty());
  // Without the password, a disabled account looks like any failed login.
  EXPECT_EQ(accounts_->login("bs.lan", "wrong password", kNow).outcome,
            LoginOutcome::bad_credentials);

  EXPECT_TRUE(accounts_->set_disabled(id, false).empty());
  EXPECT_FALSE(accounts_->authenticate(before, kNow).has_value()) << "old sessions stay ended";
  EXPECT_EQ(accounts_->login("bs.lan", kPassword, kNow).outcome, LoginOutcome::ok);
}

TEST_F(AccountsTest, LoginSweepsAwayExpiredSessions) {
  create(staff());
  const std::string old = token("bs.lan", kNow);
  const int64_t ttl = AccountsOptions{}.session_ttl_seconds;
  token("bs.lan", kNow + ttl + 1);
  EXPECT_FALSE(store_->session(Accounts::hash_token(old)).has_value());
}

// ---- sessions ----

TEST_F(AccountsTest, SessionEndsAtItsExpiry) {
  create(staff());
  const std::string t = token();
  const int64_t ttl = AccountsOptions{}.session_ttl_seconds;
  EXPECT_TRUE(accounts_->authenticate(t, kNow + ttl - 1).has_value());
  EXPECT_FALSE(accounts_->authenticate(t, kNow + ttl).has_value());
}

TEST_F(AccountsTest, LogoutRevokesOnlyThatSession) {
  create(staff());
  const std::string first = token();
  const std::string second = token();
  accounts_->logout(first);
  EXPECT_FALSE(accounts_->authenticate(first, kNow).has_value());
  EXPECT_TRUE(accounts_->authenticate(second, kNow).has_value());
}

TEST_F(AccountsTest, ForgedOrEmptyTokensAreRefused) {
  create(staff());
  token();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char forged[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(forged, sizeof forged, bytes, sizeof bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  EXPECT_FALSE(accounts_->authenticate(forged, kNow).has_value());
  EXPECT_FALSE(accounts_->authenticate("", kNow).has_value());
  // The stored hash itself is not a token.
  const std::string real = token();
  EXPECT_FALSE(accounts_->authenticate(Accounts::hash_token(real), kNow).has_value());
}

// ---- changing passwords and administration ----

TEST_F(AccountsTest, ChangingThePasswordEndsEverySession) {
  const int64_t id = create(staff());
  const std::string first = token();
  const std::string second = token();
  const std::string new_password = "một mật khẩu mới hơn";
  EXPECT_TRUE(accounts_->change_password(id, kPassword, new_password, kNow).empty());
  EXPECT_FALSE(accounts_->authenticate(first, kNow).has_value());
  EXPECT_FALSE(accounts_->authenticate(second, kNow).has_value());
  EXPECT_EQ(accounts_->login("bs.lan", kPassword, kNow).outcome, LoginOutcome::bad_credentials);
  EXPECT_EQ(accounts_->login("bs.lan", new_password, kNow).outcome, LoginOutcome::ok);
}

TEST_F(AccountsTest, ChangingThePasswordNeedsTheOldOneAndAGoodNewOne) {
  const int64_t id = create(staff());
  const std::string t = token();
  EXPECT_EQ(codes(accounts_->change_password(id, "not the password", "một mật khẩu mới", kNow)),
            std::vector<std::string>{"user.password_wrong"});
  EXPECT_EQ(codes(accounts_->change_password(id, kPassword, "ngắn", kNow)),
            std::vector<std::string>{"user.password_too_short"});
  EXPECT_EQ(codes(accounts_->change_password(id, kPassword, "bs.lan", kNow)),
            std::vector<std::string>{"user.password_too_short"});
  EXPECT_EQ(codes(accounts_->change_password(id + 1, kPassword, "một mật khẩu mới", kNow)),
            std::vector<std::string>{"user.not_found"});
  EXPECT_TRUE(accounts_->authenticate(t, kNow).has_value()) << "a refused change ends nothing";
}

TEST_F(AccountsTest, ResetPasswordSetsANewOneAndEndsSessions) {
  const int64_t id = create(staff());
  const std::string t = token();
  EXPECT_EQ(codes(accounts_->reset_password(id, "ngắn")),
            std::vector<std::string>{"user.password_too_short"});
  EXPECT_TRUE(accounts_->authenticate(t, kNow).has_value());
  EXPECT_TRUE(accounts_->reset_password(id, "mật khẩu do quản trị đặt").empty());
  EXPECT_FALSE(accounts_->authenticate(t, kNow).has_value());
  EXPECT_EQ(accounts_->login("bs.lan", "mật khẩu do quản trị đặt", kNow).outcome, LoginOutcome::ok);
}

TEST_F(AccountsTest, SetRoleMovesTheUserAndEndsSessions) {
  const int64_t id = create(staff());
  const std::string t = token();
  EXPECT_TRUE(accounts_->set_role(id, Role::district_officer, kDistrict).empty());
  EXPECT_FALSE(accounts_->authenticate(t, kNow).has_value());
  const auto user = accounts_->user(id);
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->role, Role::district_officer);
  EXPECT_EQ(user->area_id, kDistrict);
}

TEST_F(AccountsTest, SetRoleRejections) {
  const int64_t id = create(staff());
  EXPECT_EQ(codes(accounts_->set_role(id, Role::auditor, kNoSuchArea)),
            std::vector<std::string>{"user.area_unknown"});
  EXPECT_EQ(codes(accounts_->set_role(id, Role::citizen, kWard)),
            std::vector<std::string>{"user.person_required"});
  EXPECT_EQ(codes(accounts_->set_role(id + 1, Role::auditor, kWard)),
            std::vector<std::string>{"user.not_found"});
  EXPECT_EQ(accounts_->user(id)->role, Role::commune_staff);
}

TEST_F(AccountsTest, AdministrationOfAMissingUserIsNotFound) {
  for (const Violations& result :
       {accounts_->set_disabled(42, true), accounts_->reset_password(42, kPassword),
        accounts_->unlock(42)}) {
    EXPECT_EQ(codes(result), std::vector<std::string>{"user.not_found"});
  }
}

TEST_F(AccountsTest, ListsUsersByName) {
  create(staff("bs.lan"));
  create(staff("admin.q5"));
  const auto users = accounts_->list_users();
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].username, "admin.q5");
  EXPECT_EQ(users[1].username, "bs.lan");
  EXPECT_TRUE(accounts_->user_by_name("BS.LAN").has_value());
  EXPECT_FALSE(accounts_->user_by_name("bs.hoa").has_value());
}

}  // namespace
}  // namespace phongdich::testing
