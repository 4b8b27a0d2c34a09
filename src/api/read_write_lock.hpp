// A reader-writer lock that lets a waiting writer in before new readers.
//
// std::shared_mutex on glibc prefers readers: under a steady stream of reads
// (64 connections asking for persons) a dose to record could wait for ever.
// Here a writer that asks blocks new readers until it has had its turn, so a
// write waits at most for the reads already running.
#pragma once

#include <pthread.h>

#include <stdexcept>

namespace phongdich::api {

class ReadWriteLock {
 public:
  ReadWriteLock() {
    pthread_rwlockattr_t attr;
    pthread_rwlockattr_init(&attr);
    pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    const int rc = pthread_rwlock_init(&lock_, &attr);
    pthread_rwlockattr_destroy(&attr);
    if (rc != 0) throw std::runtime_error("pthread_rwlock_init failed");
  }
  ~ReadWriteLock() { pthread_rwlock_destroy(&lock_); }
  ReadWriteLock(const ReadWriteLock&) = delete;
  ReadWriteLock& operator=(const ReadWriteLock&) = delete;

  // The names std::unique_lock and std::shared_lock expect.
  void lock() { pthread_rwlock_wrlock(&lock_); }
  void unlock() { pthread_rwlock_unlock(&lock_); }
  void lock_shared() { pthread_rwlock_rdlock(&lock_); }
  void unlock_shared() { pthread_rwlock_unlock(&lock_); }

 private:
  pthread_rwlock_t lock_;
};

}  // namespace phongdich::api
