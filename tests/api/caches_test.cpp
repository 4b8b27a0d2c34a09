// What the server keeps in memory must never show an outdated answer: a
// session ended through the API is refused at once, and a coverage report
// counts the dose recorded a moment before.
#include "api/api_fixture.hpp"

namespace phongdich::testing {
namespace {

using Caches = ApiTest;

TEST_F(Caches, ADisabledAccountIsRefusedAtOnce) {
  const std::string staff = login("inside.user");
  ASSERT_EQ(call("GET", "/api/v1/auth/me", staff).status, 200);  // now in the session cache
  const std::string admin = login("administrator");
  ASSERT_EQ(post("/api/v1/users/" + std::to_string(inside_user_) + "/disable", admin, "").status,
            200);
  EXPECT_EQ(call("GET", "/api/v1/auth/me", staff).status, 401);
}

TEST_F(Caches, ARoleChangeAppliesToTheNextRequest) {
  const std::string staff = login("inside.user");
  ASSERT_EQ(call("GET", "/api/v1/persons/" + std::to_string(inside_person_), staff).status, 200);
  const std::string admin = login("administrator");
  ASSERT_EQ(post("/api/v1/users/" + std::to_string(inside_user_) + "/role", admin,
                 R"({"role":"auditor","area":"vn2022:27208"})")
                .status,
            200);
  EXPECT_EQ(call("GET", "/api/v1/persons/" + std::to_string(inside_person_), staff).status, 401);
}

TEST_F(Caches, CoverageCountsTheDoseJustRecorded) {
  const std::string token = login("district_officer");
  const auto vaccinated = [&] {
    const auto report = call("GET", "/api/v1/coverage/vn2022:27208", token).json();
    int64_t count = 0;
    for (const auto& group : report["age_groups"]) {
      if (group["group"] == "18-49")
        count = group["registered"].get<int64_t>() - group["none"].get<int64_t>();
    }
    return count;
  };
  const int64_t before = vaccinated();
  EXPECT_EQ(vaccinated(), before);  // asked again: the same answer (from the cache)
  const HttpAnswer dose = post("/api/v1/persons/" + std::to_string(inside_person_) + "/doses",
                               token, R"({"date":"2022-09-20","product":"PFIZER"})");
  ASSERT_EQ(dose.status, 201) << dose.body;
  EXPECT_EQ(vaccinated(), before + 1);
}

}  // namespace
}  // namespace phongdich::testing
