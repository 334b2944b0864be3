-- pingpong: 1,000,000 round trips between the main thread and one other
-- through two MVars (the same program as pingpong.fl).
{-# LANGUAGE BangPatterns #-}
import Control.Concurrent
import Control.Monad

main :: IO ()
main = do
  let n = 1000000 :: Int
  ping <- newEmptyMVar
  pong <- newEmptyMVar
  _ <- forkIO $ replicateM_ n $ do v <- takeMVar ping; putMVar pong (v + 1 :: Int)
  let loop :: Int -> Int -> IO Int
      loop 0 !v = return v
      loop k !v = do putMVar ping v; v' <- takeMVar pong; loop (k - 1) v'
  final <- loop n 0
  print final
