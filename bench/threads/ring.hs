-- ring: the Benchmarks Game's thread-ring, 503 threads, 10,000,000 passes
-- (the same program as ring.fl).
import Control.Concurrent
import Control.Monad

main :: IO ()
main = do
  let threads = 503 :: Int
      passes = 10000000 :: Int
  boxes <- replicateM threads newEmptyMVar
  finished <- newEmptyMVar
  let ring = zip3 [1 ..] boxes (tail boxes ++ [head boxes])
  forM_ ring $ \(i, mine, next) ->
    let pass = do
          token <- takeMVar mine
          if token == 0 then putMVar finished i
          else putMVar next (token - 1) >> pass
    in forkIO pass
  putMVar (head boxes) passes
  takeMVar finished >>= print
