#include "store/postgres/pg_shared_reads.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace phongdich {

struct PgSharedReads::Caller {
  const PgStatement* statement;
  const PgParams* params;
  PgResult result;
  std::exception_ptr failure;
  bool answered = false;
  bool has_turn = false;
  std::condition_variable wake;
};

struct PgSharedReads::Lane {
  std::mutex mutex;
  std::vector<Caller*> waiting;  // arrived while a batch was out
  bool turn_taken = false;       // a batch is out, or about to be
  // Callers waiting or in the batch that is out: read without the lock to
  // choose a lane, so only a hint.
  std::atomic<size_t> load{0};
  std::unique_ptr<PgConnection> connection;  // used by whoever holds the turn
};

PgSharedReads::PgSharedReads(std::string conninfo, std::vector<std::string> session_setup,
                             size_t lanes)
    : conninfo_(std::move(conninfo)), session_setup_(std::move(session_setup)) {
  for (size_t i = 0; i < std::max<size_t>(lanes, 1); ++i) {
    lanes_.push_back(std::make_unique<Lane>());
  }
}

PgSharedReads::~PgSharedReads() = default;

std::shared_ptr<PgSharedReads> PgSharedReads::for_session(
    const std::string& conninfo, const std::vector<std::string>& session_setup) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<PgSharedReads>> shared;
  std::string key = conninfo;
  for (const std::string& sql : session_setup) key += '\n' + sql;
  std::lock_guard lock(mutex);
  // Forgotten once nobody holds them (a test suite opens one per schema).
  std::erase_if(shared, [](const auto& entry) { return entry.second.expired(); });
  std::shared_ptr<PgSharedReads> reads = shared[key].lock();
  if (!reads) {
    reads = std::make_shared<PgSharedReads>(conninfo, session_setup);
    shared[key] = reads;
  }
  return reads;
}

PgSharedReads::Lane& PgSharedReads::least_busy_lane() {
  Lane* best = lanes_.front().get();
  for (const auto& lane : lanes_) {
    if (lane->load < best->load) best = lane.get();
  }
  return *best;
}

PgResult PgSharedReads::run(const PgStatement& statement, const PgParams& params) {
  Caller me{&statement, &params, {}, {}, false, false, {}};
  Lane& lane = least_busy_lane();
  ++lane.load;
  std::unique_lock lock(lane.mutex);
  lane.waiting.push_back(&me);
  if (lane.turn_taken) {
    me.wake.wait(lock, [&] { return me.answered || me.has_turn; });
  } else {
    lane.turn_taken = true;
  }
  if (!me.answered) {
    // This caller's turn: it sends what waits, itself included.
    std::vector<Caller*> batch;
    batch.swap(lane.waiting);
    lock.unlock();
    send(lane, batch);
    lock.lock();
    batches_ += 1;
    statements_ += batch.size();
    lane.load -= batch.size();
    // Woken under the lock: a caller that saw its answer early could otherwise
    // be gone (with its condition variable) before the notification. (Waking
    // them after the lock, each with a lock of its own, was measured no faster.)
    for (Caller* caller : batch) {
      caller->answered = true;
      if (caller != &me) caller->wake.notify_one();
    }
    if (lane.waiting.empty()) {
      lane.turn_taken = false;
    } else {
      lane.waiting.front()->has_turn = true;
      lane.waiting.front()->wake.notify_one();
    }
  }
  lock.unlock();
  if (me.failure) std::rethrow_exception(me.failure);
  return std::move(me.result);
}

void PgSharedReads::send(Lane& lane, const std::vector<Caller*>& batch) {
  try {
    if (!lane.connection) {
      auto connection = std::make_unique<PgConnection>(conninfo_);
      for (const std::string& sql : session_setup_) connection->add_session_setup(sql);
      lane.connection = std::move(connection);
    }
    std::vector<PgCall> calls;
    calls.reserve(batch.size());
    for (const Caller* caller : batch) calls.push_back({caller->statement, caller->params});
    std::vector<PgResult> results = lane.connection->pipeline(calls, "shared reads");
    for (size_t i = 0; i < batch.size(); ++i) batch[i]->result = std::move(results[i]);
  } catch (...) {
    for (Caller* caller : batch) caller->failure = std::current_exception();
  }
}

size_t PgSharedReads::waiting() const {
  size_t count = 0;
  for (const auto& lane : lanes_) {
    std::lock_guard lock(lane->mutex);
    count += lane->waiting.size();
  }
  return count;
}

}  // namespace phongdich
