// The writer's connection and the thread that owns it. Every use of that
// connection (writes, account and audit reads, the audit flush) is a job run
// here, one at a time; the jobs that arrive while others run share one commit.
//
// Why: a commit writes every page the transaction touched (the dose, its
// indexes, the audit entry, the idempotency record, the chain head) into the
// WAL. Many doses recorded at once touch mostly the same pages, so one commit
// for a group costs little more than one for a single dose. A job's caller
// gets its answer only after the group's commit: an acknowledged write is
// committed. Each job runs in a savepoint, so a failing job undoes only its
// own writes; a failed commit fails every job of the group.
//
// The callers are told (each job's `done`) on a thread of their own, the
// teller, which the writer hands each group in one go. Why: telling a caller
// hands its answer to an I/O thread and wakes that thread, and a thread woken
// may preempt the one that woke it. Told from the writer, the 64 answers of a
// group preempted it hundreds of times a second, and the next group waited
// each time: that wait was most of a busy server's slowest writes (p99,
// docs/performance.md). The teller is preempted instead; the writer, woken
// rarely and waking only the teller, goes on with the next group.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "store/store.hpp"

namespace phongdich::api {

class GroupCommitter {
 public:
  // `on_failed_commit` runs on the writer thread after a group was rolled
  // back (e.g. to forget in-memory state that already showed its writes).
  GroupCommitter(Store& store, size_t max_group, std::function<void()> on_failed_commit);
  ~GroupCommitter();  // runs what is queued, then stops
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  enum class Grouping {
    shared,  // in the current group's transaction, behind a savepoint
    alone,   // after the group before it has committed, in no outer transaction
             // (long jobs that commit in steps of their own: imports)
  };

  // Called on the teller thread once the job's group has committed (or failed):
  // with what the job threw, or the commit's failure, or null. In the order the
  // jobs ran. It must not wait for the writer (run() inside it would deadlock:
  // the teller would wait for its own telling).
  using Done = std::function<void(std::exception_ptr)>;

  // Queues `job` and returns at once; `done` follows the group's commit.
  void submit(std::function<void()> job, Grouping grouping, Done done);
  // Runs `job` on the writer thread and returns when its group has committed;
  // rethrows what the job threw, or the commit's failure. Called from the
  // writer thread itself (a job that needs another), it runs `job` at once.
  void run(const std::function<void()>& job, Grouping grouping = Grouping::shared);

  // Groups committed and jobs run so far (for the benchmark's report).
  size_t groups() const;
  size_t jobs() const;

 private:
  struct Job {
    std::function<void()> work;
    Grouping grouping = Grouping::shared;
    Done done;
    std::exception_ptr error;
  };
  using Group = std::vector<std::unique_ptr<Job>>;
  void loop(std::stop_token stop);
  // The teller's: calls the `done` of every job of every group handed to it.
  void tell(std::stop_token stop);
  // Runs queued jobs in one transaction until the queue is empty, the group is
  // full or a job that runs alone is next; returns the jobs run. Called and
  // returns with the lock held; runs the jobs without it.
  Group run_group(std::unique_lock<std::mutex>& lock);

  Store& store_;
  const size_t max_group_;
  std::function<void()> on_failed_commit_;
  mutable std::mutex mutex_;
  std::condition_variable queued_;
  std::deque<std::unique_ptr<Job>> queue_;
  size_t groups_ = 0;
  size_t jobs_ = 0;

  std::mutex told_mutex_;
  std::condition_variable ran_;
  std::deque<Group> to_tell_;  // groups run, their callers not told yet

  // Last: started once the rest exists. The destructor stops the writer
  // first; the teller then tells what the writer's last groups ran.
  std::jthread teller_;
  std::jthread thread_;
};

}  // namespace phongdich::api
