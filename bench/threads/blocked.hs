-- blocked: memory per blocked thread. N threads (the first argument,
-- default 100,000) all block in takeMVar on one MVar; once they all are
-- (main yields until they have run), main releases them and waits for
-- each (the same program as blocked.fl).
import Control.Concurrent
import Control.Monad
import System.Environment

main :: IO ()
main = do
  args <- getArgs
  let n = case args of a : _ -> read a; [] -> 100000 :: Int
  go <- newEmptyMVar
  finished <- newEmptyMVar
  replicateM_ n $ forkIO (takeMVar go >> putMVar finished ())
  yield
  replicateM_ n (putMVar go ())
  replicateM_ n (takeMVar finished)
  print n
