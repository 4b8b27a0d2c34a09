// Person search through the API: any word of the name, in any area the user may
// read, in name order, pages that follow one another, and a person registered a
// moment ago already found.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "api_fixture.hpp"

namespace phongdich::testing {
namespace {

class PersonSearch : public ApiTest {
 protected:
  PersonSearch() {
    add_person("Nguyễn Thị Vân Anh", kInsideCommune);
    add_person("Lê Văn Ân", kOutsideCommune);
    add_person("Phạm Văn Bình", kInsideCommune);
  }

  // The names found, in the order of the answer.
  std::vector<std::string> names(const std::string& token, const std::string& query) {
    const HttpAnswer answer = call("GET", "/api/v1/persons?" + query, token);
    EXPECT_EQ(answer.status, 200) << query << ": " << answer.body;
    std::vector<std::string> found;
    const auto json = answer.json();
    for (const auto& item : json["items"]) found.push_back(item["full_name"]);
    return found;
  }
};

using Names = std::vector<std::string>;

TEST_F(PersonSearch, AnyWordOfTheNameOverAProvince) {
  const std::string token = login("province_officer");
  // clang-format off
  const struct { std::string query; Names expected; } rows[] = {
    // the words need not begin the name, nor come in its order
    {"area=vn2022:79&q=van+an",    {"Lê Văn Ân", "Nguyễn Thị Vân Anh", "Nguyễn Văn An"}},
    {"area=vn2022:79&q=an+van",    {"Lê Văn Ân", "Nguyễn Thị Vân Anh", "Nguyễn Văn An"}},
    {"area=vn2022:79&q=binh",      {"Phạm Văn Bình", "Trần Thị Bình"}},
    {"area=vn2022:79&q=B%C3%ACnh", {"Phạm Văn Bình", "Trần Thị Bình"}},  // diacritics ignored
    {"area=vn2022:79&q=nguyen+an", {"Nguyễn Thị Vân Anh", "Nguyễn Văn An"}},
    {"area=vn2022:772&q=van+an",   {"Nguyễn Thị Vân Anh", "Nguyễn Văn An"}},  // Quận 11 only
    {"area=vn2022:79&q=hung",      {}},
  };
  // clang-format on
  for (const auto& row : rows) EXPECT_EQ(names(token, row.query), row.expected) << row.query;
}

TEST_F(PersonSearch, ACommuneUserFindsOnlyTheirCommune) {
  const std::string token = login("commune_staff");
  EXPECT_EQ(names(token, "q=van"), (Names{"Nguyễn Thị Vân Anh", "Nguyễn Văn An", "Phạm Văn Bình"}));
  EXPECT_EQ(call("GET", "/api/v1/persons?area=vn2022:79&q=van", token).status, 403);
}

TEST_F(PersonSearch, PagesFollowOneAnother) {
  const std::string token = login("province_officer");
  const HttpAnswer first = call("GET", "/api/v1/persons?area=vn2022:79&q=v&limit=2", token);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json()["items"].size(), 2u);
  EXPECT_EQ(first.json()["next_offset"], 2);
  const HttpAnswer second =
      call("GET", "/api/v1/persons?area=vn2022:79&q=v&limit=2&offset=2", token);
  EXPECT_EQ(second.json()["items"].size(), 2u);
  EXPECT_EQ(second.json()["items"][1]["full_name"], "Phạm Văn Bình");
  EXPECT_TRUE(second.json()["next_offset"].is_null());
}

TEST_F(PersonSearch, APersonRegisteredThroughTheApiIsFoundAtOnce) {
  const std::string token = login("commune_staff");
  const HttpAnswer created = post(
      "/api/v1/persons", token,
      R"({"full_name":"Hoàng Văn Quý","sex":"male","birth_date":"1990-02-03","area":"vn2022:27208"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(names(token, "q=quy"), (Names{"Hoàng Văn Quý"}));
  EXPECT_EQ(names(login("province_officer"), "area=vn2022:79&q=hoang+quy"),
            (Names{"Hoàng Văn Quý"}));
}

}  // namespace
}  // namespace phongdich::testing
