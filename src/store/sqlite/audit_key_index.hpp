// The audit trail's index by record (target), by user (actor) and by area for
// the embedded store, kept in a file of its own beside the database as sorted
// runs, the way a log-structured store keeps its keys.
//
// Why: most entries are reads of random persons. An ordinary index of the trail
// by target takes each new entry at a random place, so each entry dirtied a
// page of its own, which the log then wrote and the checkpoint copied again:
// with ten million entries in the trail that cost the server a quarter of its
// GETs (docs/performance.md). By area likewise, if less: the entries of a
// group commit of 64 doses fall in as many communes, so an index by area in the
// database dirtied about one page per dose, most of the pages the group wrote.
// Here entries are indexed a run at a time, sorted, so a run is written page
// after page at the end of the index; runs of a level are merged into one of
// the next level eight at a time, so a search probes a few dozen runs at most.
// The indexer works beside the server (its own thread, its own connection, its
// own file), never on the writer of the database.
//
// The file is derived data: deleting it loses nothing, and it is rebuilt from
// the trail. It names the last entry it covers by seq and hash; a trail whose
// entry at that seq has another hash (a restored backup, another database) is
// not the one indexed, and the index is then ignored and rebuilt. Entries after
// the last one covered are found by reading the trail itself.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sqlite/sqlite_db.hpp"

namespace phongdich {

class AuditKeyIndex {
 public:
  enum class Kind : char { target = 'T', actor = 'A', area = 'R' };

  // The last entry of the trail the index covers (seq 0: none).
  struct Coverage {
    int64_t through_seq = 0;
    std::string through_hash;
  };

  // What a search learns from one snapshot of the index.
  struct Lookup {
    Coverage coverage;
    std::vector<int64_t> seqs;  // ascending, at most through_seq
    bool complete = true;       // false: more seqs follow the last one given
  };

  // "<database>.audit-index"; empty for a database that is not a file.
  static std::string path_beside(const std::string& database_path);

  // Nothing is opened yet. Searches open the file once it exists, and find
  // nothing indexed until then; the indexer's calls create it.
  explicit AuditKeyIndex(std::string path);
  ~AuditKeyIndex();
  AuditKeyIndex(const AuditKeyIndex&) = delete;
  AuditKeyIndex& operator=(const AuditKeyIndex&) = delete;

  // The seqs of entries with any of these keys after `after_seq`, at most
  // `max_seqs`, with what the index covers, read in one snapshot. Each value
  // costs a probe of every run: a search by many values is better read off the
  // trail itself.
  Lookup lookup(Kind kind, const std::vector<std::string>& values, int64_t after_seq,
                size_t max_seqs);
  Coverage coverage();

  // The indexer's start: what the index covers. A file that is no readable
  // index (damaged, or not a database) is deleted first, to be rebuilt.
  Coverage coverage_to_extend();
  // The indexer's side. `keys` are (key, seq) pairs made with key(); they are
  // sorted here. The run and the new coverage commit together, and only if the
  // index still covers `from`: two indexers never index an entry twice.
  void add_run(std::vector<std::pair<std::string, int64_t>> keys, const Coverage& from,
               const Coverage& through);
  // Merges the runs of every level that has kRunsPerLevel of them.
  void merge_full_levels();
  // Forgets everything (the trail is not the one indexed).
  void clear();
  size_t run_count();

  // False for a database that is not a file: its trail is only read directly.
  bool has_file() const { return !path_.empty(); }

  static std::string key(Kind kind, std::string_view value);
  static constexpr size_t kRunsPerLevel = 8;

 private:
  // For searches: false while there is no index to read.
  bool open_to_read();
  // For the indexer: creates the file and its tables when missing.
  void open_to_write();

  std::string path_;
  std::unique_ptr<SqliteDb> db_;
  bool writing_ = false;  // open_to_write() has set the connection up
};

}  // namespace phongdich
