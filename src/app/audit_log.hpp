// The audit trail: who did what to which record, when, from where, with what
// outcome. Append-only and tamper-evident: each entry's hash covers its fields
// and the hash of the entry before, and the head is kept beside the chain, so
// an edited, inserted or deleted entry breaks verification.
//
// Not thread-safe: the caller serialises appends (the chain is a sequence).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "store/store.hpp"

namespace phongdich {

struct AuditEvent {
  int64_t user_id = 0;
  std::string actor;
  std::string action;
  std::string target;
  AreaId area_id = 0;
  std::string remote;
  std::string outcome = "ok";
  std::string detail;
};

struct AuditVerification {
  bool intact = true;
  int64_t entries = 0;                   // entries checked
  std::optional<int64_t> first_bad_seq;  // where the chain first breaks
  std::string problem;                   // what is wrong there, in English
};

class AuditLog {
 public:
  explicit AuditLog(Store& store);

  // Appends one entry in its own transaction, or inside the caller's
  // transaction when there is one (so a write and its audit commit together).
  AuditEntry append(const AuditEvent& event, int64_t at_ms);
  // Appends events in order in one transaction: the head is read once and the
  // entries chained in memory (the server's flush of buffered read entries).
  void append_all(std::span<const std::pair<AuditEvent, int64_t>> events);
  std::vector<AuditEntry> search(const AuditQuery& query);
  AuditVerification verify();

  // The entry's hash as verify() recomputes it (exposed for tests).
  static std::string entry_hash(const AuditEntry& entry);

 private:
  Store& store_;  // the head is read inside each append's transaction: another
                  // process (the CLI beside a server) may have appended since
};

}  // namespace phongdich
