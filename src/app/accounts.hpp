// Accounts and sessions: users with argon2id-hashed passwords, bound to a role
// and an area; login gives a bearer token with an expiry; repeated failures lock
// the account for a while. There is no default account and no default password:
// the first administrator is created from the command line.
//
// Time is passed in (unix seconds) so that expiry and lockout are testable.
// Not thread-safe: the caller serialises, as for the Store it uses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/area.hpp"
#include "domain/role.hpp"
#include "domain/violation.hpp"
#include "store/store.hpp"

namespace phongdich {

struct AccountsOptions {
  int64_t session_ttl_seconds = 8 * 3600;  // a working day
  int max_failed_logins = 5;               // consecutive failures before a lockout
  int64_t lockout_seconds = 15 * 60;
  // argon2id cost (libsodium): "interactive" limits by default; tests may lower them.
  uint64_t argon2_ops_limit = 2;        // crypto_pwhash_OPSLIMIT_INTERACTIVE
  size_t argon2_mem_limit = 64u << 20;  // crypto_pwhash_MEMLIMIT_INTERACTIVE
};

struct User {
  int64_t id = 0;
  std::string username;
  Role role = Role::citizen;
  AreaId area_id = 0;
  std::optional<PersonId> person_id;
  bool disabled = false;
  int64_t locked_until = 0;
  int64_t created_at = 0;
};

struct NewUser {
  std::string username;  // 3-64 of [a-z0-9._-], lower case
  std::string password;  // at least 10 characters, not the username
  Role role = Role::commune_staff;
  AreaId area_id = 0;
  std::optional<PersonId> person_id;  // required for citizens
};

struct CreateUserResult {
  std::optional<User> user;  // set when created
  Violations violations;     // why not (username taken, weak password, unknown area ...)
};

enum class LoginOutcome { ok, bad_credentials, locked, disabled };

struct LoginResult {
  LoginOutcome outcome = LoginOutcome::bad_credentials;
  std::optional<User> user;  // set for ok, locked and disabled (known user)
  std::string token;         // ok only: the bearer token, shown once
  int64_t expires_at = 0;
};

struct AuthenticatedSession {
  User user;
  std::string token_hash;
  int64_t expires_at = 0;
};

class Accounts {
 public:
  Accounts(Store& store, const AreaForest& areas, AccountsOptions options = {});

  CreateUserResult create_user(const NewUser& request, int64_t now);
  // Wrong username and wrong password answer the same (no user enumeration);
  // an unknown username costs the same hashing time as a known one.
  LoginResult login(const std::string& username, const std::string& password, int64_t now);
  // The session behind a bearer token, if it exists, is not revoked or expired,
  // and its user is not disabled.
  std::optional<AuthenticatedSession> authenticate(const std::string& token, int64_t now);
  void logout(const std::string& token);
  // Checks the old password; on success every other session of the user ends.
  Violations change_password(int64_t user_id, const std::string& old_password,
                             const std::string& new_password, int64_t now);
  // Administration. Each ends the user's sessions where access shrinks.
  Violations set_role(int64_t user_id, Role role, AreaId area_id);
  Violations set_disabled(int64_t user_id, bool disabled);
  Violations reset_password(int64_t user_id, const std::string& new_password);
  Violations unlock(int64_t user_id);

  std::optional<User> user(int64_t id);
  std::optional<User> user_by_name(const std::string& username);
  std::vector<User> list_users();

  // SHA-256 of a token, hex: how sessions are keyed in the store.
  static std::string hash_token(const std::string& token);

 private:
  Store& store_;
  const AreaForest& areas_;
  AccountsOptions options_;
  std::string dummy_hash_;  // hashed once, checked against for unknown usernames
};

}  // namespace phongdich
