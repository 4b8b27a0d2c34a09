#include "app/audit_log.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "app/sha256_hex.hpp"

namespace phongdich {
namespace {

const std::string kGenesisHash(64, '0');  // prev_hash of entry 1
constexpr std::string_view kHeadKey = "audit.head";
// Names the encoding below: a different one must not produce the same hashes.
constexpr std::string_view kEncodingTag = "phongdich.audit.v1";

// Length-prefixed ("<bytes>:<text>;"), so no choice of field contents can make
// two different entries encode alike.
void put(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}

void put(std::string& out, int64_t number) { put(out, std::to_string(number)); }

// The seq of a head "<seq> <hash>"; nullopt when malformed.
std::optional<int64_t> parse_head_seq(const std::string& head) {
  int64_t seq = 0;
  const auto [end, error] = std::from_chars(head.data(), head.data() + head.size(), seq);
  if (error != std::errc() || end == head.data() || end == head.data() + head.size() ||
      *end != ' ') {
    return std::nullopt;
  }
  return seq;
}

std::string seq_text(int64_t seq) { return "entry " + std::to_string(seq); }

// The whole check. Other connections (a running server, other servers on
// PostgreSQL) may append meanwhile, and each read sees what is committed when it
// starts, so the head is read before the chain and again after it: the head
// read first names an entry the chain must hold, and the head read last may have
// moved past the chain's end, but never stop short of it. Locking the chain
// instead would stall every write for as long as the trail takes to read.
AuditVerification verify_chain(Store& store) {
  AuditVerification result;
  auto fail = [&](int64_t seq, std::string problem) {
    result.intact = false;
    result.first_bad_seq = seq;
    result.problem = std::move(problem);
  };

  const std::optional<std::string> head_before = store.meta(kHeadKey);
  const std::optional<int64_t> seq_before =
      head_before ? parse_head_seq(*head_before) : std::nullopt;
  if (head_before && !seq_before) {
    fail(1, "the audit head '" + *head_before + "' is malformed");
    return result;
  }
  std::optional<std::string> hash_at_seq_before;  // of the entry head_before names

  int64_t expected_seq = 1;
  std::string previous_hash = kGenesisHash;
  store.scan_audit([&](const AuditEntry& entry) {
    if (!result.intact) return;  // the first break is the one reported
    ++result.entries;
    if (entry.seq != expected_seq) {
      fail(entry.seq, entry.seq > expected_seq ? seq_text(entry.seq) + " follows entry " +
                                                     std::to_string(expected_seq - 1) +
                                                     ": entries in between were deleted"
                                               : seq_text(entry.seq) + " is out of sequence");
    } else if (entry.prev_hash != previous_hash) {
      fail(entry.seq, seq_text(entry.seq) +
                          " does not chain to the entry before it: an entry was inserted, "
                          "replaced or deleted before it");
    } else if (AuditLog::entry_hash(entry) != entry.hash) {
      fail(entry.seq, seq_text(entry.seq) + " was edited: its hash does not match its fields");
    }
    if (seq_before && entry.seq == *seq_before) hash_at_seq_before = entry.hash;
    expected_seq = entry.seq + 1;
    previous_hash = entry.hash;
  });
  if (!result.intact) return result;

  // The chain itself cannot show that its last entries were cut off, or that
  // some were added past them behind the log's back: the head written beside it
  // by every append can.
  const int64_t last_seq = expected_seq - 1;
  if (seq_before) {
    if (*seq_before > last_seq) {
      fail(last_seq + 1, "the trail ends at entry " + std::to_string(last_seq) +
                             " but its head names entry " + std::to_string(*seq_before) +
                             ": the last entries were deleted");
      return result;
    }
    if (*seq_before > 0 &&
        *head_before != std::to_string(*seq_before) + " " + hash_at_seq_before.value_or("")) {
      fail(*seq_before,
           seq_text(*seq_before) + " is not the entry the head names: it was replaced");
      return result;
    }
  }
  const std::optional<std::string> head_after = store.meta(kHeadKey);
  if (!head_after) {
    if (last_seq > 0) fail(1, "the audit head is missing although the trail has entries");
    return result;
  }
  const std::optional<int64_t> seq_after = parse_head_seq(*head_after);
  if (!seq_after) {
    fail(std::max<int64_t>(last_seq, 1), "the audit head '" + *head_after + "' is malformed");
  } else if (*seq_after < last_seq) {
    fail(*seq_after + 1, "the trail goes on past entry " + std::to_string(*seq_after) +
                             ", where its head stops: entries were added outside the audit log");
  } else if (*seq_after == last_seq &&
             *head_after != std::to_string(last_seq) + " " + previous_hash) {
    fail(last_seq, seq_text(last_seq) + " is not the entry the head names: it was replaced");
  }
  // A head past the chain's end names entries appended since the chain was read.
  return result;
}

}  // namespace

AuditLog::AuditLog(Store& store) : store_(store) {}

std::string AuditLog::entry_hash(const AuditEntry& entry) {
  std::string encoded;
  put(encoded, kEncodingTag);
  put(encoded, entry.seq);
  put(encoded, entry.at_ms);
  put(encoded, entry.user_id);
  put(encoded, entry.actor);
  put(encoded, entry.action);
  put(encoded, entry.target);
  put(encoded, int64_t{entry.area_id});
  put(encoded, entry.remote);
  put(encoded, entry.outcome);
  put(encoded, entry.detail);
  put(encoded, entry.prev_hash);
  return sha256_hex(encoded);
}

namespace {

AuditEntry entry_of(const AuditEvent& event, int64_t at_ms) {
  AuditEntry entry;
  entry.at_ms = at_ms;
  entry.user_id = event.user_id;
  entry.actor = event.actor;
  entry.action = event.action;
  entry.target = event.target;
  entry.area_id = event.area_id;
  entry.remote = event.remote;
  entry.outcome = event.outcome;
  entry.detail = event.detail;
  return entry;
}

}  // namespace

AuditEntry AuditLog::append(const AuditEvent& event, int64_t at_ms) {
  AuditEntry entry = entry_of(event, at_ms);
  // The head is read under the write lock the transaction takes, so another
  // process cannot append between this read and the insert.
  store_.transaction([&] {
    const auto last = store_.last_audit_entry();
    entry.seq = last ? last->seq + 1 : 1;
    entry.prev_hash = last ? last->hash : kGenesisHash;
    entry.hash = entry_hash(entry);
    store_.append_audit(entry);
  });
  return entry;
}

void AuditLog::append_all(std::span<const std::pair<AuditEvent, int64_t>> events) {
  if (events.empty()) return;
  std::vector<AuditEntry> entries;
  entries.reserve(events.size());
  store_.transaction([&] {
    const auto last = store_.last_audit_entry();
    int64_t seq = last ? last->seq : 0;
    std::string prev_hash = last ? last->hash : std::string(kGenesisHash);
    for (const auto& [event, at_ms] : events) {
      AuditEntry entry = entry_of(event, at_ms);
      entry.seq = ++seq;
      entry.prev_hash = std::move(prev_hash);
      entry.hash = entry_hash(entry);
      prev_hash = entry.hash;
      entries.push_back(std::move(entry));
    }
    store_.append_audit_entries(entries);
  });
}

std::vector<AuditEntry> AuditLog::search(const AuditQuery& query) {
  return store_.search_audit(query);
}

AuditVerification AuditLog::verify() {
  // No transaction of its own: one would hold SQLite's write lock for as long as
  // the trail takes to read, and a running server's writes would fail after the
  // busy timeout. verify_chain reads the head around the chain instead.
  return verify_chain(store_);
}

}  // namespace phongdich
