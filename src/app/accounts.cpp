#include "app/accounts.hpp"

#include <sodium.h>

#include <mutex>
#include <stdexcept>
#include <utility>

#include "app/account_rules.hpp"
#include "app/sha256_hex.hpp"

namespace phongdich {
namespace {

constexpr size_t kTokenBytes = 32;  // 256 bits: not guessable, not enumerable

void ensure_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  });
}

std::string hash_password(const std::string& password, const AccountsOptions& options) {
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(), options.argon2_ops_limit,
                            options.argon2_mem_limit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id hashing failed (out of memory?)");
  }
  return hash;
}

bool password_matches(const std::string& hash, const std::string& password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool needs_rehash(const std::string& hash, const AccountsOptions& options) {
  return crypto_pwhash_str_needs_rehash(hash.c_str(), options.argon2_ops_limit,
                                        options.argon2_mem_limit) != 0;
}

std::string new_token() {
  unsigned char bytes[kTokenBytes];
  randombytes_buf(bytes, sizeof bytes);
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  char text[sodium_base64_ENCODED_LEN(kTokenBytes, kVariant)];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, kVariant);
  sodium_memzero(bytes, sizeof bytes);
  return text;
}

// Usernames are stored in lower case; a login typed with capitals still finds them.
std::string ascii_lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

User to_user(const UserRecord& record) {
  const auto role = parse_role(record.role);
  if (!role) {
    throw StoreError("user " + std::to_string(record.id) + " has an unknown role '" + record.role +
                     "'");
  }
  User user;
  user.id = record.id;
  user.username = record.username;
  user.role = *role;
  user.area_id = record.area_id;
  user.person_id = record.person_id;
  user.disabled = record.disabled;
  user.locked_until = record.locked_until;
  user.created_at = record.created_at;
  return user;
}

}  // namespace

Accounts::Accounts(Store& store, const AreaForest& areas, AccountsOptions options)
    : store_(store), areas_(areas), options_(options) {
  ensure_sodium();
  // A random password nobody knows: verifying against it costs what a real check costs.
  dummy_hash_ = hash_password(new_token(), options_);
}

std::string Accounts::hash_token(const std::string& token) { return sha256_hex(token); }

CreateUserResult Accounts::create_user(const NewUser& request, int64_t now) {
  CreateUserResult result;
  Violations& violations = result.violations;
  if (auto v = check_username(request.username)) violations.push_back(std::move(*v));
  if (auto v = check_password(request.password, request.username)) {
    violations.push_back(std::move(*v));
  }
  if (areas_.find(request.area_id) == nullptr) violations.push_back(area_unknown());
  if (request.role == Role::citizen && !request.person_id) {
    violations.push_back(person_required());
  } else if (request.role != Role::citizen && request.person_id) {
    violations.push_back(person_not_allowed());
  } else if (request.person_id && !store_.person(*request.person_id)) {
    violations.push_back(person_unknown());
  }
  // Checked before hashing so that a taken name costs no hashing time; the
  // insert below still catches a name taken in between.
  if (violations.empty() && store_.user_by_name(request.username)) {
    violations.push_back(username_taken());
  }
  if (!violations.empty()) return result;

  UserRecord record;
  record.username = request.username;
  record.password_hash = hash_password(request.password, options_);
  record.role = role_name(request.role);
  record.area_id = request.area_id;
  record.person_id = request.person_id;
  record.created_at = now;
  const auto id = store_.insert_user(record);
  if (!id) {
    violations.push_back(username_taken());
    return result;
  }
  record.id = *id;
  result.user = to_user(record);
  return result;
}

LoginResult Accounts::login(const std::string& username, const std::string& password, int64_t now) {
  store_.delete_sessions_expired_before(now);
  LoginResult result;
  auto record = store_.user_by_name(ascii_lower(username));
  if (!record || password.size() > kPasswordMaxBytes) {
    password_matches(dummy_hash_, password);  // same time as a known user's check
    return result;                            // bad_credentials
  }
  if (record->locked_until > now) {
    // The password is not checked during a lockout (guessing gains nothing), but
    // the answer takes as long as one that checks it.
    password_matches(dummy_hash_, password);
    result.outcome = LoginOutcome::locked;
    result.user = to_user(*record);
    return result;
  }

  if (!password_matches(record->password_hash, password)) {
    record->failed_logins += 1;
    if (record->failed_logins >= options_.max_failed_logins) {
      record->locked_until = now + options_.lockout_seconds;
      record->failed_logins = 0;
    }
    store_.update_user(*record);
    return result;  // bad_credentials, like an unknown username
  }
  // Disabled is told only to someone who knows the password, so it does not
  // reveal which usernames exist.
  if (record->disabled) {
    result.outcome = LoginOutcome::disabled;
    result.user = to_user(*record);
    return result;
  }

  record->failed_logins = 0;
  record->locked_until = 0;
  // Cost limits raised since the password was set take effect at its next use.
  if (needs_rehash(record->password_hash, options_)) {
    record->password_hash = hash_password(password, options_);
  }
  SessionRecord session;
  std::string token = new_token();
  session.token_hash = hash_token(token);
  session.user_id = record->id;
  session.created_at = now;
  session.expires_at = now + options_.session_ttl_seconds;
  store_.transaction([&] {
    store_.update_user(*record);
    store_.insert_session(session);
  });
  result.outcome = LoginOutcome::ok;
  result.user = to_user(*record);
  result.token = std::move(token);
  result.expires_at = session.expires_at;
  return result;
}

std::optional<AuthenticatedSession> Accounts::authenticate(const std::string& token, int64_t now) {
  if (token.empty()) return std::nullopt;
  const std::string token_hash = hash_token(token);
  const auto session = store_.session(token_hash);
  if (!session || session->revoked || session->expires_at <= now) return std::nullopt;
  const auto record = store_.user_by_id(session->user_id);
  if (!record || record->disabled) return std::nullopt;
  return AuthenticatedSession{to_user(*record), token_hash, session->expires_at};
}

void Accounts::logout(const std::string& token) { store_.revoke_session(hash_token(token)); }

Violations Accounts::change_password(int64_t user_id, const std::string& old_password,
                                     const std::string& new_password,
                                     [[maybe_unused]] int64_t now) {
  auto record = store_.user_by_id(user_id);
  if (!record) return {user_not_found()};
  if (old_password.size() > kPasswordMaxBytes ||
      !password_matches(record->password_hash, old_password)) {
    return {password_wrong()};
  }
  if (auto v = check_password(new_password, record->username)) return {std::move(*v)};
  record->password_hash = hash_password(new_password, options_);
  store_.transaction([&] {
    store_.update_user(*record);
    store_.revoke_sessions_of(user_id);
  });
  return {};
}

Violations Accounts::set_role(int64_t user_id, Role role, AreaId area_id) {
  auto record = store_.user_by_id(user_id);
  if (!record) return {user_not_found()};
  Violations violations;
  if (areas_.find(area_id) == nullptr) violations.push_back(area_unknown());
  if (role == Role::citizen && !record->person_id) violations.push_back(person_required());
  if (!violations.empty()) return violations;
  record->role = role_name(role);
  record->area_id = area_id;
  // Only citizens are linked to a person: a citizen given a staff role loses the link.
  if (role != Role::citizen) record->person_id.reset();
  store_.transaction([&] {
    store_.update_user(*record);
    store_.revoke_sessions_of(user_id);
  });
  return {};
}

Violations Accounts::set_disabled(int64_t user_id, bool disabled) {
  auto record = store_.user_by_id(user_id);
  if (!record) return {user_not_found()};
  record->disabled = disabled;
  // Also when enabling: sessions from before the account was disabled stay ended.
  store_.transaction([&] {
    store_.update_user(*record);
    store_.revoke_sessions_of(user_id);
  });
  return {};
}

Violations Accounts::reset_password(int64_t user_id, const std::string& new_password) {
  auto record = store_.user_by_id(user_id);
  if (!record) return {user_not_found()};
  if (auto v = check_password(new_password, record->username)) return {std::move(*v)};
  record->password_hash = hash_password(new_password, options_);
  store_.transaction([&] {
    store_.update_user(*record);
    store_.revoke_sessions_of(user_id);
  });
  return {};
}

Violations Accounts::unlock(int64_t user_id) {
  auto record = store_.user_by_id(user_id);
  if (!record) return {user_not_found()};
  record->failed_logins = 0;
  record->locked_until = 0;
  store_.update_user(*record);
  return {};
}

std::optional<User> Accounts::user(int64_t id) {
  const auto record = store_.user_by_id(id);
  if (!record) return std::nullopt;
  return to_user(*record);
}

std::optional<User> Accounts::user_by_name(const std::string& username) {
  const auto record = store_.user_by_name(ascii_lower(username));
  if (!record) return std::nullopt;
  return to_user(*record);
}

std::vector<User> Accounts::list_users() {
  std::vector<User> users;
  for (const UserRecord& record : store_.list_users()) users.push_back(to_user(record));
  return users;
}

}  // namespace phongdich
