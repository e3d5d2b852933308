// Notifications (issue 4, part A): messages to citizens (received, dispatched,
// replied, visit request, overdue, extended) and to units (dispatched, reminder,
// escalation, reopened), kept in the store's outbox and delivered by a
// pluggable Sender with retries and exponential back-off.
//
// The ticket write path does no notification work: a Notifier reads
// ticket_events after a cursor kept in the store, turns each batch into outbox
// rows in one transaction together with the cursor (one row per (event,
// recipient), so a replay adds nothing), then delivers due rows. Delivery is at
// least once: a crash between a send and its record sends that message again
// (the payload carries the message id for the receiver to drop repeats).
// Citizen messages are fixed templates with the ticket number and unit names
// only: never free text, never anyone's personal data; the citizen's phone is
// used only as the address.
//
// Sender implementations must be safe to call from one thread at a time.
// Notifier is not thread-safe: run one per deployment, from one thread.
#pragma once

#include <iosfwd>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "service/service.h"
#include "store/store.h"

namespace lianxin::service {

// Delivers one message (an SMS gateway, a webhook, a log).
class Sender {
 public:
  virtual ~Sender() = default;
  // Delivers `message`; OK once the other side accepted it, any error to be
  // retried later. May block on the network; never throws.
  virtual Status Send(const store::OutboxMessage& message) = 0;
};

// Writes each message as one line to `out` (std::clog by default); always OK.
// Thread-safe. `out` must outlive the sender.
class LogSender final : public Sender {
 public:
  LogSender();
  explicit LogSender(std::ostream& out) : out_(&out) {}
  Status Send(const store::OutboxMessage& message) override;

 private:
  std::ostream* out_;
  std::mutex mu_;
};

struct NotifierOptions {
  int batch = 500;                      // events read / messages delivered per step
  int max_attempts = 6;                 // then the message is marked failed
  TimeMs first_retry = 30 * kSecondMs;  // delay after the first failure, doubled after each
  TimeMs max_retry = kHourMs;           // longest delay between attempts
  TimeMs max_age = kDayMs;              // events older than this send nothing (stale)
};

// What one RunOnce did.
struct NotifyPass {
  int64_t events = 0;    // events read after the cursor
  int64_t enqueued = 0;  // outbox rows added
  int64_t sent = 0;
  int64_t retried = 0;  // failed attempts to be retried
  int64_t failed = 0;   // gave up (max_attempts reached)
};

class Notifier {
 public:
  // `service` and `sender` must outlive the notifier.
  Notifier(Service& service, Sender& sender, NotifierOptions options = {});

  // Collect, then Deliver, each until drained. Errors of the store stop the
  // pass (nothing is lost: the next pass resumes at the stored cursor).
  Result<NotifyPass> RunOnce();
  // Turns up to one batch of events after the cursor into outbox rows and moves
  // the cursor, in one transaction. Returns how many events were read.
  Result<int64_t> Collect(int64_t* enqueued = nullptr);
  // Attempts every due message once (up to one batch) and records the outcome.
  Result<NotifyPass> Deliver();

  // The messages `event` yields for `ticket` (pure): see the file comment.
  static std::vector<store::OutboxMessage> Compose(const TicketEvent& event, const Ticket& ticket,
                                                   const Directory& directory,
                                                   const std::string& hotline_centre, TimeMs now);
  // The delay before attempt `attempts` + 1 after `attempts` failures.
  TimeMs Backoff(int attempts) const;

  // The cursor's name in the store.
  static constexpr char kCursor[] = "notify";

 private:
  Service& service_;
  Sender& sender_;
  NotifierOptions options_;
};

}  // namespace lianxin::service
