{-# LANGUAGE BangPatterns #-}
-- spawn: 100,000 threads that each put their number into one MVar; the
-- main thread forks them all, then takes the 100,000 values and prints
-- their sum (the same program as spawn.fl).
import Control.Concurrent
import Control.Monad

main :: IO ()
main = do
  let n = 100000 :: Int
  box <- newEmptyMVar
  forM_ [1 .. n] $ \i -> forkIO (putMVar box i)
  let loop :: Int -> Int -> IO Int
      loop 0 !acc = return acc
      loop k !acc = do v <- takeMVar box; loop (k - 1) (acc + v)
  total <- loop n 0
  print total
