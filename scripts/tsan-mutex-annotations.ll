; ThreadSanitizer annotations for Synchronization.Mutex on Linux, linked into the -sanitize=thread build by
; scripts/sanitize. Mutex's fast paths (a compare-exchange on its word) are inlined into our code and instrumented,
; but under contention it locks and unlocks in _MutexHandle._lockSlow/_unlockSlow (futex, in the uninstrumented
; libswiftSynchronization.so), so TSan sees no happens-before between two holders and reports the state the lock
; guards as raced. These definitions take the place of the runtime's for the binary they are linked into: each calls
; the runtime's own (dlsym RTLD_NEXT) and tells TSan the lock was acquired (__tsan_acquire, after) or is being
; released (__tsan_release, before), on the mutex's address, which the instrumented fast paths already use.
; LLVM IR because the methods take the mutex in the swiftself register, which C cannot declare.

@lock.name = private unnamed_addr constant [57 x i8] c"$s15Synchronization12_MutexHandleV9_lockSlowyys6UInt32VF\00"
@lock.real = internal global ptr null
@trylock.name = private unnamed_addr constant [53 x i8] c"$s15Synchronization12_MutexHandleV12_tryLockSlowSbyF\00"
@trylock.real = internal global ptr null
@unlock.name = private unnamed_addr constant [51 x i8] c"$s15Synchronization12_MutexHandleV11_unlockSlowyyF\00"
@unlock.real = internal global ptr null

declare ptr @dlsym(ptr, ptr)
declare void @abort()
declare void @__tsan_acquire(ptr)
declare void @__tsan_release(ptr)

define internal ptr @runtime(ptr %name) {
  %function = call ptr @dlsym(ptr inttoptr (i64 -1 to ptr), ptr %name)
  %missing = icmp eq ptr %function, null
  br i1 %missing, label %fail, label %found
fail:
  call void @abort()
  unreachable
found:
  ret ptr %function
}

define internal void @resolve() {
  %lock = call ptr @runtime(ptr @lock.name)
  store ptr %lock, ptr @lock.real
  %trylock = call ptr @runtime(ptr @trylock.name)
  store ptr %trylock, ptr @trylock.real
  %unlock = call ptr @runtime(ptr @unlock.name)
  store ptr %unlock, ptr @unlock.real
  ret void
}
@llvm.global_ctors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 101, ptr @resolve, ptr null }]

define swiftcc void @"$s15Synchronization12_MutexHandleV9_lockSlowyys6UInt32VF"(i32 %id, ptr swiftself %mutex) {
  %real = load ptr, ptr @lock.real
  call swiftcc void %real(i32 %id, ptr swiftself %mutex)
  call void @__tsan_acquire(ptr %mutex)
  ret void
}

define swiftcc i1 @"$s15Synchronization12_MutexHandleV12_tryLockSlowSbyF"(ptr swiftself %mutex) {
  %real = load ptr, ptr @trylock.real
  %locked = call swiftcc i1 %real(ptr swiftself %mutex)
  br i1 %locked, label %acquired, label %done
acquired:
  call void @__tsan_acquire(ptr %mutex)
  br label %done
done:
  ret i1 %locked
}

define swiftcc void @"$s15Synchronization12_MutexHandleV11_unlockSlowyyF"(ptr swiftself %mutex) {
  %real = load ptr, ptr @unlock.real
  call void @__tsan_release(ptr %mutex)
  call swiftcc void %real(ptr swiftself %mutex)
  ret void
}
