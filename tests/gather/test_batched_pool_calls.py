"""Pages sent to the parse pool in batches: every caller gets its own result or its own error."""
from __future__ import annotations

import asyncio
import os
import time
from concurrent.futures import ProcessPoolExecutor

from govinspect.gather import batched_pool_calls
from govinspect.gather.batched_pool_calls import MAX_BATCH, call_in_batch
from govinspect.gather.read_page import in_pool


def square_or_fail(n: int) -> tuple[int, int]:
    if n == 13:
        raise ValueError("thirteen")
    return n * n, os.getpid()


PARENT = os.getpid()


def die(_: int) -> str:
    if os.getpid() != PARENT:
        os._exit(3)          # a parser crash takes its worker down
    return "read inline"


class CountingPool(ProcessPoolExecutor):
    submitted = 0

    def submit(self, fn, /, *args, **kwargs):
        self.submitted += 1
        return super().submit(fn, *args, **kwargs)


def test_calls_go_in_batches_and_each_caller_gets_its_own_result() -> None:
    async def main(pool: CountingPool) -> list:
        return await asyncio.gather(*(call_in_batch(pool, square_or_fail, n) for n in range(100)),
                                    return_exceptions=True)

    with CountingPool(2) as pool:
        out = asyncio.run(main(pool))
    assert [r[0] for i, r in enumerate(out) if i != 13] == [n * n for n in range(100) if n != 13]
    assert isinstance(out[13], ValueError) and str(out[13]) == "thirteen"   # only its own caller failed
    assert {r[1] for i, r in enumerate(out) if i != 13} != {os.getpid()}     # read in the workers
    assert 100 / MAX_BATCH <= pool.submitted < 100 / 4       # batched, not one task per call


def test_a_lone_call_is_sent_at_once() -> None:
    async def main(pool: CountingPool) -> tuple[int, int]:
        return await asyncio.wait_for(call_in_batch(pool, square_or_fail, 7), timeout=30)

    with CountingPool(1) as pool:
        assert asyncio.run(main(pool))[0] == 49
        assert pool.submitted == 1


def test_a_broken_pool_leaves_every_page_of_the_batch_to_be_read_inline() -> None:
    async def main(pool: ProcessPoolExecutor) -> list:
        # the killer and five pages go in one batch; the worker dies and the pool breaks under all six
        return list(await asyncio.gather(in_pool(pool, die, 0), *(in_pool(pool, square_or_fail, n) for n in range(5))))

    with ProcessPoolExecutor(1) as pool:
        out = asyncio.run(main(pool))
        assert pool._broken
    assert out[0] == "read inline"
    assert [r[0] for r in out[1:]] == [0, 1, 4, 9, 16]
    assert {r[1] for r in out[1:]} == {os.getpid()}        # inline, in this process
    assert not batched_pool_calls._BATCHES[pool].waiting and batched_pool_calls._BATCHES[pool].in_flight == 0


def nap(n: int) -> int:
    time.sleep(0.05)
    return n


def test_callers_of_a_batch_the_pool_dropped_at_shutdown_are_cancelled() -> None:
    async def main(pool: ProcessPoolExecutor) -> list:
        # four full batches: one runs, the pool's call queue takes one more, the last ones wait in the pool
        calls = [asyncio.ensure_future(call_in_batch(pool, nap, n)) for n in range(4 * MAX_BATCH)]
        await asyncio.sleep(0.1)
        pool.shutdown(wait=False, cancel_futures=True)
        return await asyncio.gather(*calls, return_exceptions=True)

    pool = ProcessPoolExecutor(1)
    out = asyncio.run(asyncio.wait_for(main(pool), timeout=60))
    assert out[:MAX_BATCH] == list(range(MAX_BATCH))
    assert all(isinstance(r, asyncio.CancelledError) for r in out[-MAX_BATCH:])
    assert all(r == n or isinstance(r, asyncio.CancelledError) for n, r in enumerate(out))
