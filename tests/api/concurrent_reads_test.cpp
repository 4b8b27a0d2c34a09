// Reads run beside each other and beside a stream of writes: every answer must
// still be whole and consistent (a person's doses and status agree, coverage
// never goes back), every write must land once, and every read must leave its
// audit entry in an unbroken chain.
#include <atomic>
#include <thread>
#include <vector>

#include "api/api_fixture.hpp"

namespace phongdich::testing {
namespace {

using ConcurrentReads = ApiTest;

TEST_F(ConcurrentReads, ReadsBesideWritesStayConsistentAndAudited) {
  constexpr int kPersons = 24;
  constexpr int kReaders = 3;
  constexpr int kReadsEach = 120;
  std::vector<PersonId> persons;
  service_->run_exclusive([&] {
    for (int i = 0; i < kPersons; ++i) {
      persons.push_back(add_person("Lê Văn Số " + std::to_string(i), kInsideCommune,
                                   "1975-03-0" + std::to_string(1 + i % 9)));
    }
  });
  const std::string writer_token = login("commune_staff");
  const std::string reader_token = login("district_officer");

  std::atomic<int> bad_reads{0};
  std::atomic<int> reads{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < kReaders; ++r) {
    readers.emplace_back([&, r] {
      int64_t last_vaccinated = 0;
      for (int i = 0; i < kReadsEach; ++i) {
        const PersonId id = persons[static_cast<size_t>((i * 7 + r) % kPersons)];
        const HttpAnswer answer =
            call("GET", "/api/v1/persons/" + std::to_string(id), reader_token);
        ++reads;
        const auto json = answer.json();
        // A person read half-way through a write would show a dose without
        // its status or the reverse.
        if (answer.status != 200 ||
            json["doses"].size() != json["status"]["doses_counted"].get<size_t>() ||
            (json["doses"].empty() != (json["status"]["status"] == "none"))) {
          ++bad_reads;
        }
        if (i % 10 == 0) {
          const auto report = call("GET", "/api/v1/coverage/vn2022:27208", reader_token).json();
          int64_t vaccinated = 0;
          for (const auto& group : report["age_groups"]) {
            vaccinated += group["registered"].get<int64_t>() - group["none"].get<int64_t>();
          }
          if (vaccinated < last_vaccinated) ++bad_reads;  // coverage never goes back
          last_vaccinated = vaccinated;
        }
      }
    });
  }
  int stored = 0;
  for (PersonId id : persons) {
    const HttpAnswer dose = post("/api/v1/persons/" + std::to_string(id) + "/doses", writer_token,
                                 R"({"date":"2022-09-20","product":"PFIZER"})");
    if (dose.status == 201) ++stored;
  }
  for (auto& reader : readers) reader.join();

  EXPECT_EQ(bad_reads.load(), 0);
  EXPECT_EQ(stored, kPersons);
  service_->flush_audit();
  service_->run_exclusive([&] {
    for (PersonId id : persons) EXPECT_EQ(registry_->store().doses_of(id).size(), 1u) << id;
    AuditQuery query;
    query.action = "person.read";
    query.limit = 100'000;
    EXPECT_EQ(service_->audit_log().search(query).size(), static_cast<size_t>(reads.load()));
    EXPECT_TRUE(service_->audit_log().verify().intact);
  });
}

}  // namespace
}  // namespace phongdich::testing
