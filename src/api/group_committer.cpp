#include "api/group_committer.hpp"

#include <algorithm>
#include <future>

namespace phongdich::api {

GroupCommitter::GroupCommitter(Store& store, size_t max_group,
                               std::function<void()> on_failed_commit)
    : store_(store),
      max_group_(std::max<size_t>(1, max_group)),
      on_failed_commit_(std::move(on_failed_commit)),
      teller_([this](std::stop_token stop) { tell(stop); }),
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
  // Only now: the writer's last groups are handed over.
  teller_.request_stop();
  { std::lock_guard lock(told_mutex_); }
  ran_.notify_all();
  teller_.join();
}

void GroupCommitter::submit(std::function<void()> job, Grouping grouping, Done done) {
  auto queued = std::make_unique<Job>(Job{std::move(job), grouping, std::move(done), nullptr});
  std::lock_guard lock(mutex_);
  queue_.push_back(std::move(queued));
  queued_.notify_one();
}

void GroupCommitter::run(const std::function<void()>& job, Grouping grouping) {
  if (std::this_thread::get_id() == thread_.get_id()) {
    job();  // already on the writer thread, inside the group's transaction
    return;
  }
  std::promise<void> committed;
  std::future<void> result = committed.get_future();
  submit([&job] { job(); }, grouping,
         [&committed](std::exception_ptr failure) {
           if (failure) {
             committed.set_exception(failure);
           } else {
             committed.set_value();
           }
         });
  result.get();  // rethrows the failure
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
    Group ran = run_group(lock);
    ++groups_;
    jobs_ += ran.size();
    {
      std::lock_guard told(told_mutex_);
      to_tell_.push_back(std::move(ran));
    }
    ran_.notify_one();
  }
}

void GroupCommitter::tell(std::stop_token stop) {
  std::unique_lock lock(told_mutex_);
  while (true) {
    ran_.wait(lock, [&] { return !to_tell_.empty() || stop.stop_requested(); });
    if (to_tell_.empty()) return;  // stopping, and every caller was told
    Group group = std::move(to_tell_.front());
    to_tell_.pop_front();
    // Told without the lock: the writer hands over the next group meanwhile.
    lock.unlock();
    for (const auto& job : group) {
      if (job->done) job->done(job->error);
    }
    group.clear();  // the jobs' captures go here too, not under the lock
    lock.lock();
  }
}

GroupCommitter::Group GroupCommitter::run_group(std::unique_lock<std::mutex>& lock) {
  Group ran;
  if (queue_.front()->grouping == Grouping::alone) {
    ran.push_back(std::move(queue_.front()));
    queue_.pop_front();
    lock.unlock();
    Job& job = *ran.back();
    try {
      job.work();
    } catch (...) {
      job.error = std::current_exception();
    }
    lock.lock();
    return ran;
  }
  lock.unlock();
  const auto next = [&]() -> Job* {
    std::lock_guard guard(mutex_);
    if (queue_.empty() || ran.size() >= max_group_ || queue_.front()->grouping == Grouping::alone)
      return nullptr;
    ran.push_back(std::move(queue_.front()));
    queue_.pop_front();
    return ran.back().get();
  };
  try {
    store_.transaction([&] {
      while (Job* job = next()) {
        try {
          store_.transaction(job->work);  // a savepoint: a failure undoes this job only
        } catch (...) {
          job->error = std::current_exception();
        }
      }
    });
  } catch (...) {
    const std::exception_ptr failure = std::current_exception();
    for (const auto& job : ran) {
      if (!job->error) job->error = failure;
    }
    if (on_failed_commit_) on_failed_commit_();
  }
  lock.lock();
  return ran;
}

}  // namespace phongdich::api
