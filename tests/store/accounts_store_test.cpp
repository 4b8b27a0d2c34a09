// Users, sessions and idempotency keys in the SQLite store, and migration 3 on
// a database written by the previous version.
#include <gtest/gtest.h>

#include "store/sqlite/migrations.hpp"
#include "store/store_fixture.hpp"

namespace phongdich::testing {
namespace {

UserRecord make_user(std::string username, std::string role = "commune_staff",
                     AreaId area = kBenNghe) {
  UserRecord user;
  user.username = std::move(username);
  user.password_hash = "$argon2id$v=19$m=8,t=1,p=1$not-a-real-hash";
  user.role = std::move(role);
  user.area_id = area;
  user.created_at = 1'700'000'000;
  return user;
}

SessionRecord make_session(std::string token_hash, int64_t user_id, int64_t expires_at) {
  return {std::move(token_hash), user_id, 1'700'000'000, expires_at, false};
}

using AccountsStore = StoreTest;

TEST_P(AccountsStore, InsertedUserReadsBackByIdAndName) {
  UserRecord user = make_user("bs.lan");
  user.failed_logins = 2;
  user.locked_until = 1'700'000'900;
  const auto id = store_->insert_user(user);
  ASSERT_TRUE(id.has_value());
  EXPECT_GT(*id, 0);

  const auto by_id = store_->user_by_id(*id);
  ASSERT_TRUE(by_id.has_value());
  EXPECT_EQ(by_id->id, *id);
  EXPECT_EQ(by_id->username, "bs.lan");
  EXPECT_EQ(by_id->password_hash, user.password_hash);
  EXPECT_EQ(by_id->role, "commune_staff");
  EXPECT_EQ(by_id->area_id, kBenNghe);
  EXPECT_FALSE(by_id->person_id.has_value());
  EXPECT_EQ(by_id->failed_logins, 2);
  EXPECT_EQ(by_id->locked_until, 1'700'000'900);
  EXPECT_FALSE(by_id->disabled);
  EXPECT_EQ(by_id->created_at, 1'700'000'000);

  const auto by_name = store_->user_by_name("bs.lan");
  ASSERT_TRUE(by_name.has_value());
  EXPECT_EQ(by_name->id, *id);
  EXPECT_FALSE(store_->user_by_name("bs.hoa").has_value());
  EXPECT_FALSE(store_->user_by_id(*id + 1).has_value());
}

TEST_P(AccountsStore, UsernameIsUnique) {
  ASSERT_TRUE(store_->insert_user(make_user("bs.lan")).has_value());
  EXPECT_FALSE(store_->insert_user(make_user("bs.lan", "auditor")).has_value());
  EXPECT_EQ(store_->user_count(), 1);
  EXPECT_EQ(store_->user_by_name("bs.lan")->role, "commune_staff");
}

TEST_P(AccountsStore, CitizenKeepsTheirPersonLink) {
  const PersonId person = store_->insert_person(make_person("Trần Thị Bình")).id;
  UserRecord citizen = make_user("binh.tran", "citizen");
  citizen.person_id = person;
  const auto id = store_->insert_user(citizen);
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(store_->user_by_id(*id)->person_id, person);
}

TEST_P(AccountsStore, UpdateChangesEveryFieldButCreatedAt) {
  const int64_t id = *store_->insert_user(make_user("bs.lan"));
  UserRecord changed = *store_->user_by_id(id);
  changed.username = "bs.lan2";
  changed.password_hash = "$argon2id$other";
  changed.role = "district_officer";
  changed.area_id = kDistrict;
  changed.failed_logins = 4;
  changed.locked_until = 123;
  changed.disabled = true;
  changed.created_at = 1;  // ignored
  store_->update_user(changed);

  const UserRecord stored = *store_->user_by_id(id);
  EXPECT_EQ(stored.username, "bs.lan2");
  EXPECT_EQ(stored.password_hash, "$argon2id$other");
  EXPECT_EQ(stored.role, "district_officer");
  EXPECT_EQ(stored.area_id, kDistrict);
  EXPECT_EQ(stored.failed_logins, 4);
  EXPECT_EQ(stored.locked_until, 123);
  EXPECT_TRUE(stored.disabled);
  EXPECT_EQ(stored.created_at, 1'700'000'000);
}

TEST_P(AccountsStore, UpdatingAMissingUserOrToATakenNameThrows) {
  UserRecord ghost = make_user("ghost");
  ghost.id = 999;
  EXPECT_THROW(store_->update_user(ghost), StoreError);

  store_->insert_user(make_user("bs.lan"));
  UserRecord hoa = *store_->user_by_id(*store_->insert_user(make_user("bs.hoa")));
  hoa.username = "bs.lan";
  EXPECT_THROW(store_->update_user(hoa), StoreError);
  EXPECT_TRUE(store_->user_by_name("bs.hoa").has_value());
}

TEST_P(AccountsStore, ListIsInUsernameOrder) {
  for (const char* name : {"zeta", "alpha", "mu"}) store_->insert_user(make_user(name));
  const auto users = store_->list_users();
  ASSERT_EQ(users.size(), 3u);
  EXPECT_EQ(users[0].username, "alpha");
  EXPECT_EQ(users[1].username, "mu");
  EXPECT_EQ(users[2].username, "zeta");
  EXPECT_EQ(store_->user_count(), 3);
}

TEST_P(AccountsStore, SessionReadsBackAndRevokes) {
  const int64_t user = *store_->insert_user(make_user("bs.lan"));
  store_->insert_session(make_session("aa11", user, 2'000));
  store_->insert_session(make_session("bb22", user, 2'000));

  const auto session = store_->session("aa11");
  ASSERT_TRUE(session.has_value());
  EXPECT_EQ(session->user_id, user);
  EXPECT_EQ(session->created_at, 1'700'000'000);
  EXPECT_EQ(session->expires_at, 2'000);
  EXPECT_FALSE(session->revoked);
  EXPECT_FALSE(store_->session("cc33").has_value());

  store_->revoke_session("aa11");
  EXPECT_TRUE(store_->session("aa11")->revoked);
  EXPECT_FALSE(store_->session("bb22")->revoked);
}

TEST_P(AccountsStore, RevokingAUsersSessionsLeavesOthersAlone) {
  const int64_t lan = *store_->insert_user(make_user("bs.lan"));
  const int64_t hoa = *store_->insert_user(make_user("bs.hoa"));
  store_->insert_session(make_session("lan-1", lan, 2'000));
  store_->insert_session(make_session("lan-2", lan, 2'000));
  store_->insert_session(make_session("hoa-1", hoa, 2'000));

  store_->revoke_sessions_of(lan);
  EXPECT_TRUE(store_->session("lan-1")->revoked);
  EXPECT_TRUE(store_->session("lan-2")->revoked);
  EXPECT_FALSE(store_->session("hoa-1")->revoked);
}

TEST_P(AccountsStore, ExpiredSessionsAreDeletedStrictlyBeforeTheGivenTime) {
  const int64_t user = *store_->insert_user(make_user("bs.lan"));
  store_->insert_session(make_session("old", user, 999));
  store_->insert_session(make_session("edge", user, 1'000));
  store_->insert_session(make_session("live", user, 5'000));

  store_->delete_sessions_expired_before(1'000);
  EXPECT_FALSE(store_->session("old").has_value());
  EXPECT_TRUE(store_->session("edge").has_value());
  EXPECT_TRUE(store_->session("live").has_value());
}

TEST_P(AccountsStore, IdempotentResponseIsKeptPerUserAndKey) {
  const IdempotencyRecord saved{7, "key-1", "POST /persons sha256:ab", 201, R"({"id":42})", 1'000};
  store_->save_idempotent_response(saved);

  const auto found = store_->idempotent_response(7, "key-1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->user_id, 7);
  EXPECT_EQ(found->key, "key-1");
  EXPECT_EQ(found->request_digest, "POST /persons sha256:ab");
  EXPECT_EQ(found->status, 201);
  EXPECT_EQ(found->response_body, R"({"id":42})");
  EXPECT_EQ(found->created_at, 1'000);

  EXPECT_FALSE(store_->idempotent_response(8, "key-1").has_value()) << "another user's key";
  EXPECT_FALSE(store_->idempotent_response(7, "key-2").has_value());
}

TEST_P(AccountsStore, SavingTheSameKeyAgainReplacesTheAnswer) {
  store_->save_idempotent_response({7, "key-1", "digest", 500, "{}", 1'000});
  store_->save_idempotent_response({7, "key-1", "digest", 201, R"({"id":1})", 1'001});
  const auto found = store_->idempotent_response(7, "key-1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->status, 201);
  EXPECT_EQ(found->created_at, 1'001);
}

TEST_P(AccountsStore, OldIdempotencyKeysAreDeleted) {
  store_->save_idempotent_response({7, "old", "d", 201, "{}", 999});
  store_->save_idempotent_response({7, "edge", "d", 201, "{}", 1'000});
  store_->delete_idempotency_before(1'000);
  EXPECT_FALSE(store_->idempotent_response(7, "old").has_value());
  EXPECT_TRUE(store_->idempotent_response(7, "edge").has_value());
}

TEST(AccountsMigration, Version2DatabaseGainsTheAccountTablesAndKeepsItsData) {
  TempDir dir;
  const std::string path = dir.file("v2.db");
  {
    SqliteDb old_program(path);
    EXPECT_EQ(apply_migrations(old_program, sqlite_migrations().first(2)), 2);
    old_program.exec("INSERT INTO meta(key, value) VALUES ('written_by', 'version 2')");
    old_program.exec(
        "INSERT INTO import_journal(file_digest, kind, lines_committed, finished) "
        "VALUES ('abc', 'persons', 10, 1)");
  }
  SqliteStore store(path);
  EXPECT_EQ(schema_version(store.db()), sqlite_migrations().back().version);
  EXPECT_EQ(store.meta("written_by"), "version 2");
  EXPECT_TRUE(store.import_journal("abc").has_value());
  for (const char* table : {"users", "sessions", "audit_log", "idempotency_keys"}) {
    EXPECT_EQ(
        store.db().query_int64(
            std::string("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '") +
            table + "'"),
        1)
        << table;
  }
  store.replace_areas(test_forest());
  EXPECT_TRUE(store.insert_user(make_user("bs.lan")).has_value());
  store.save_idempotent_response({1, "k", "d", 200, "{}", 1});
  EXPECT_TRUE(store.idempotent_response(1, "k").has_value());
}

PHONGDICH_ON_EVERY_STORE(AccountsStore);

}  // namespace
}  // namespace phongdich::testing
