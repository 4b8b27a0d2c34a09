#include "api/group_committer.hpp"

#include <algorithm>

namespace phongdich::api {

GroupCommitter::GroupCommitter(Store& store, size_t max_group,
                               std::function<void()> on_failed_commit)
    : store_(store),
      max_group_(std::max<size_t>(1, max_group)),
      on_failed_commit_(std::move(on_failed_commit)),
      thread_([this](std::stop_token stop) { loop(stop); }) {}

GroupCommitter::~GroupCommitter() {
  thread_.request_stop();
  {
    // Taken so that the writer is either before its wait (and will see the
    // stop) or inside it (and gets the notification).
    std::lock_guard lock(mutex_);
  }
  queued_.notify_all();
  thread_.join();
}

void GroupCommitter::run(const std::function<void()>& job, Grouping grouping) {
  if (std::this_thread::get_id() == thread_.get_id()) {
    job();  // already on the writer thread, inside the group's transaction
    return;
  }
  Job queued{&job, grouping, nullptr, false};
  std::unique_lock lock(mutex_);
  queue_.push_back(&queued);
  queued_.notify_one();
  finished_.wait(lock, [&] { return queued.done; });
  if (queued.error) std::rethrow_exception(queued.error);
}

size_t GroupCommitter::groups() const {
  std::lock_guard lock(mutex_);
  return groups_;
}

size_t GroupCommitter::jobs() const {
  std::lock_guard lock(mutex_);
  return jobs_;
}

void GroupCommitter::loop(std::stop_token stop) {
  std::unique_lock lock(mutex_);
  while (true) {
    queued_.wait(lock, [&] { return !queue_.empty() || stop.stop_requested(); });
    if (queue_.empty()) return;  // stopping, and nothing is left to run
    const std::vector<Job*> ran = run_group(lock);
    for (Job* job : ran) job->done = true;
    ++groups_;
    jobs_ += ran.size();
    finished_.notify_all();
  }
}

std::vector<GroupCommitter::Job*> GroupCommitter::run_group(std::unique_lock<std::mutex>& lock) {
  std::vector<Job*> ran;
  Job* first = queue_.front();
  if (first->grouping == Grouping::alone) {
    queue_.pop_front();
    lock.unlock();
    try {
      (*first->work)();
    } catch (...) {
      first->error = std::current_exception();
    }
    lock.lock();
    ran.push_back(first);
    return ran;
  }
  lock.unlock();
  const auto next = [&]() -> Job* {
    std::lock_guard guard(mutex_);
    if (queue_.empty() || ran.size() >= max_group_ || queue_.front()->grouping == Grouping::alone)
      return nullptr;
    Job* job = queue_.front();
    queue_.pop_front();
    return job;
  };
  try {
    store_.transaction([&] {
      while (Job* job = next()) {
        ran.push_back(job);
        try {
          store_.transaction(*job->work);  // a savepoint: a failure undoes this job only
        } catch (...) {
          job->error = std::current_exception();
        }
      }
    });
  } catch (...) {
    const std::exception_ptr failure = std::current_exception();
    for (Job* job : ran) {
      if (!job->error) job->error = failure;
    }
    if (on_failed_commit_) on_failed_commit_();
  }
  lock.lock();
  return ran;
}

}  // namespace phongdich::api
