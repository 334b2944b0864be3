// Whether a driver's device is there: looked for at the device's first
// use, not at boot, so that an image boots as fast with devices attached
// as without (kernel/README.md, Devices).
#pragma once

namespace drivers {

class Presence {
 public:
  // Whether the device is ready, calling `start` (which finds and sets it
  // up) the first time only: a device missing then is not looked for again.
  bool check(bool (*start)()) {
    if (state_ == State::unchecked) state_ = start() ? State::present : State::absent;
    return present();
  }
  bool present() const { return state_ == State::present; }
  bool checked() const { return state_ != State::unchecked; }

 private:
  enum class State { unchecked, present, absent } state_ = State::unchecked;
};

}  // namespace drivers
