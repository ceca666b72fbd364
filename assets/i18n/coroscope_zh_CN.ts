<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Open Program…</source>
        <translation>打开程序(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a Python program and trace it</source>
        <translation>打开一个 Python 程序并跟踪它</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Record the window as a video (MP4), a GIF or PNG pictures</source>
        <translation>把窗口录制成视频（MP4）、GIF 动画或 PNG 图片</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close Coroscope</source>
        <translation>关闭 Coroscope</translation>
    </message>
    <message>
        <source>Clear Recent Files</source>
        <translation>清除最近打开的文件</translation>
    </message>
    <message>
        <source>Forget the recently opened programs</source>
        <translation>忘记最近打开过的程序</translation>
    </message>
    <message>
        <source>Cancel Tracing</source>
        <translation>取消跟踪</translation>
    </message>
    <message>
        <source>Stop tracing the program now</source>
        <translation>立即停止跟踪程序</translation>
    </message>
    <message>
        <source>Play / Pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <source>Play or pause (Space, or P)</source>
        <translation>播放或暂停（空格键或 P）</translation>
    </message>
    <message>
        <source>Step Forward</source>
        <translation>前进一步</translation>
    </message>
    <message>
        <source>Next event (→)</source>
        <translation>下一个事件（→）</translation>
    </message>
    <message>
        <source>Step Back</source>
        <translation>后退一步</translation>
    </message>
    <message>
        <source>Previous event (← or Backspace)</source>
        <translation>上一个事件（← 或退格键）</translation>
    </message>
    <message>
        <source>Next Line</source>
        <translation>下一行</translation>
    </message>
    <message>
        <source>Run to the next line (Shift+→)</source>
        <translation>运行到下一行（Shift+→）</translation>
    </message>
    <message>
        <source>Previous Line</source>
        <translation>上一行</translation>
    </message>
    <message>
        <source>Back to the previous line (Shift+←)</source>
        <translation>回到上一行（Shift+←）</translation>
    </message>
    <message>
        <source>Next Hand-off</source>
        <translation>下一次交接</translation>
    </message>
    <message>
        <source>Next send or yield (Page Down)</source>
        <translation>下一次 send 或 yield（Page Down）</translation>
    </message>
    <message>
        <source>Previous Hand-off</source>
        <translation>上一次交接</translation>
    </message>
    <message>
        <source>Previous send or yield (Page Up)</source>
        <translation>上一次 send 或 yield（Page Up）</translation>
    </message>
    <message>
        <source>Next Loop Turn</source>
        <translation>消息循环的下一轮</translation>
    </message>
    <message>
        <source>Next turn of the message loop (Ctrl+→)</source>
        <translation>消息循环的下一轮（Ctrl+→）</translation>
    </message>
    <message>
        <source>Previous Loop Turn</source>
        <translation>消息循环的上一轮</translation>
    </message>
    <message>
        <source>Previous turn of the message loop (Ctrl+←)</source>
        <translation>消息循环的上一轮（Ctrl+←）</translation>
    </message>
    <message>
        <source>Next IO Completion</source>
        <translation>下一次 IO 完成</translation>
    </message>
    <message>
        <source>Jump to the next IO completion (Alt+→)</source>
        <translation>跳到下一次 IO 完成（Alt+→）</translation>
    </message>
    <message>
        <source>Previous IO Completion</source>
        <translation>上一次 IO 完成</translation>
    </message>
    <message>
        <source>Jump to the previous IO completion (Alt+←)</source>
        <translation>跳到上一次 IO 完成（Alt+←）</translation>
    </message>
    <message>
        <source>Next Chapter</source>
        <translation>下一章</translation>
    </message>
    <message>
        <source>Jump to the next chapter (Ctrl+Page Down; Page Down while presenting)</source>
        <translation>跳到下一章（Ctrl+Page Down；演示时用 Page Down）</translation>
    </message>
    <message>
        <source>Previous Chapter</source>
        <translation>上一章</translation>
    </message>
    <message>
        <source>Back to the previous chapter (Ctrl+Page Up; Page Up while presenting)</source>
        <translation>回到上一章（Ctrl+Page Up；演示时用 Page Up）</translation>
    </message>
    <message>
        <source>Prediction Mode</source>
        <translation>预测模式</translation>
    </message>
    <message>
        <source>Before each chapter&apos;s key moment, stop and ask what happens next (on while presenting)</source>
        <translation>在每一章的关键时刻之前停下来，提问接下来会发生什么（演示时自动打开）</translation>
    </message>
    <message>
        <source>Reveal the Answer</source>
        <translation>揭晓答案</translation>
    </message>
    <message>
        <source>Show what happens next (R, or any step forward)</source>
        <translation>显示接下来发生的事（R，或任意向前一步）</translation>
    </message>
    <message>
        <source>Lecture Notes</source>
        <translation>讲课笔记</translation>
    </message>
    <message>
        <source>What this scenario shows, the questions to ask, the chapters to stop at (F1)</source>
        <translation>这个示例演示什么、可以提哪些问题、在哪些章节停下来讲解（F1）</translation>
    </message>
    <message>
        <source>Go to Start</source>
        <translation>回到开头</translation>
    </message>
    <message>
        <source>Back to the first event (Home)</source>
        <translation>回到第一个事件（Home）</translation>
    </message>
    <message>
        <source>Go to End</source>
        <translation>跳到结尾</translation>
    </message>
    <message>
        <source>Jump to the last event (End)</source>
        <translation>跳到最后一个事件（End）</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>加速</translation>
    </message>
    <message>
        <source>Play faster (])</source>
        <translation>播放得更快（]）</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>减速</translation>
    </message>
    <message>
        <source>Play slower ([)</source>
        <translation>播放得更慢（[）</translation>
    </message>
    <message>
        <source>Virtual Real Time</source>
        <translation>虚拟实时</translation>
    </message>
    <message>
        <source>Play at the program&apos;s own virtual clock, slowed down by the dilation factor</source>
        <translation>按程序自己的虚拟时钟播放，并按放慢倍数减速</translation>
    </message>
    <message>
        <source>Full Screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>Fill the screen with the window</source>
        <translation>让窗口占满整个屏幕</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Full screen with only the panes, for a lecture hall (F5; Esc leaves)</source>
        <translation>全屏只显示各窗格，适合在教室投影（F5；Esc 退出）</translation>
    </message>
    <message>
        <source>Stop Presenting</source>
        <translation>退出演示</translation>
    </message>
    <message>
        <source>Back to the normal window (Esc)</source>
        <translation>回到普通窗口（Esc）</translation>
    </message>
    <message>
        <source>Blank Screen</source>
        <translation>黑屏</translation>
    </message>
    <message>
        <source>Show a black screen, or the panes again (B or .)</source>
        <translation>显示黑屏，或重新显示各窗格（B 或 .）</translation>
    </message>
    <message>
        <source>Projector Theme While Presenting</source>
        <translation>演示时使用投影仪主题</translation>
    </message>
    <message>
        <source>Switch to the high-contrast projector colours whenever presenting</source>
        <translation>每次演示时切换到高对比度的投影仪配色</translation>
    </message>
    <message>
        <source>Larger Text</source>
        <translation>放大文字</translation>
    </message>
    <message>
        <source>Every text in every pane larger, up to 3× (Ctrl+=)</source>
        <translation>放大所有窗格中的全部文字，最大 3×（Ctrl+=）</translation>
    </message>
    <message>
        <source>Smaller Text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <source>Every text in every pane smaller, down to 1× (Ctrl+-)</source>
        <translation>缩小所有窗格中的全部文字，最小 1×（Ctrl+-）</translation>
    </message>
    <message>
        <source>Normal Text Size</source>
        <translation>正常文字大小</translation>
    </message>
    <message>
        <source>Text at its normal size (Ctrl+0)</source>
        <translation>文字恢复正常大小（Ctrl+0）</translation>
    </message>
    <message>
        <source>&amp;About Coroscope</source>
        <translation>关于 Coroscope(&amp;A)</translation>
    </message>
    <message>
        <source>What Coroscope is</source>
        <translation>Coroscope 是什么</translation>
    </message>
</context>
<context>
    <name>Bookmarks</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <source>Hand-off</source>
        <translation>交接</translation>
    </message>
    <message>
        <source>Message loop</source>
        <translation>消息循环</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Annotate Step {step}</source>
        <translation>给第 {step} 步加注释</translation>
    </message>
    <message>
        <source>A short note, shown while the playhead is here</source>
        <translation>一段简短的注释，播放头停在这里时显示</translation>
    </message>
    <message>
        <source>Pane:</source>
        <translation>窗格：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>注释：</translation>
    </message>
    <message>
        <source>Go to Step</source>
        <translation>转到某一步</translation>
    </message>
    <message>
        <source>Step (1 to {n}):</source>
        <translation>步数（1 到 {n}）：</translation>
    </message>
    <message>
        <source>Add Bookmark</source>
        <translation>添加书签</translation>
    </message>
    <message>
        <source>Name of the bookmark at step {step}:</source>
        <translation>第 {step} 步的书签名称：</translation>
    </message>
    <message>
        <source>Step {step}</source>
        <translation>第 {step} 步</translation>
    </message>
    <message>
        <source>{name} (step {step})</source>
        <translation>{name}（第 {step} 步）</translation>
    </message>
    <message>
        <source>&amp;Go to Step…</source>
        <translation>转到某一步(&amp;G)…</translation>
    </message>
    <message>
        <source>Jump to step N (Ctrl+G)</source>
        <translation>跳到第 N 步（Ctrl+G）</translation>
    </message>
    <message>
        <source>Add &amp;Bookmark…</source>
        <translation>添加书签(&amp;B)…</translation>
    </message>
    <message>
        <source>Name this step, to come back to it (Ctrl+D)</source>
        <translation>给这一步起个名字，以便回到这里（Ctrl+D）</translation>
    </message>
    <message>
        <source>Remove Bookmark Here</source>
        <translation>删除这里的书签</translation>
    </message>
    <message>
        <source>Forget the bookmarks at this step (Ctrl+Shift+D)</source>
        <translation>删除这一步上的书签（Ctrl+Shift+D）</translation>
    </message>
    <message>
        <source>&amp;Annotate This Step…</source>
        <translation>给这一步加注释(&amp;A)…</translation>
    </message>
    <message>
        <source>Pin a short note to a pane, shown while the playhead is here (Ctrl+M)</source>
        <translation>把一段简短的注释钉在某个窗格上，播放头停在这里时显示（Ctrl+M）</translation>
    </message>
    <message>
        <source>Remove Annotations Here</source>
        <translation>删除这里的注释</translation>
    </message>
    <message>
        <source>Remove the notes pinned to this step (Ctrl+Shift+M)</source>
        <translation>删除钉在这一步上的注释（Ctrl+Shift+M）</translation>
    </message>
    <message>
        <source>&amp;Bookmarks</source>
        <translation>书签(&amp;B)</translation>
    </message>
</context>
<context>
    <name>Caption</name>
    <message>
        <source>Nothing to show</source>
        <translation>没有可显示的内容</translation>
    </message>
    <message>
        <source>The program recorded no events.</source>
        <translation>程序没有记录到任何事件。</translation>
    </message>
    <message>
        <source>coroutine</source>
        <translation>协程</translation>
    </message>
    <message>
        <source>generator</source>
        <translation>生成器</translation>
    </message>
    <message>
        <source>{who}() creates a {what}</source>
        <translation>{who}() 创建了一个{what}</translation>
    </message>
    <message>
        <source>Calling {who}() runs none of its code yet: Python only makes a {what} object, paused before its first line. It starts when someone sends to it.</source>
        <translation>调用 {who}() 时它的代码一行也没有执行：Python 只是创建了一个{what}对象，停在第一行之前。要等有人向它 send，它才会开始运行。</translation>
    </message>
    <message>
        <source>The program starts</source>
        <translation>程序开始运行</translation>
    </message>
    <message>
        <source>Python runs the program&apos;s top level, one line after another.</source>
        <translation>Python 逐行执行程序的顶层代码。</translation>
    </message>
    <message>
        <source>{who}() starts</source>
        <translation>{who}() 开始执行</translation>
    </message>
    <message>
        <source>Nothing called it from Python code: it is a thread&apos;s first function.</source>
        <translation>没有 Python 代码调用它：它是一个线程的第一个函数。</translation>
    </message>
    <message>
        <source>Step 1: {by} starts the generator {who}</source>
        <translation>第 1 步：{by} 启动生成器 {who}</translation>
    </message>
    <message>
        <source>{by} runs {source}: sending None (or calling next) starts {who}. Its code runs for the first time, up to its first yield; {by} waits meanwhile.</source>
        <translation>{by} 执行 {source}：发送 None（或调用 next）启动 {who}。它的代码第一次运行，一直运行到第一个 yield；这期间 {by} 在等待。</translation>
    </message>
    <message>
        <source>{by} calls {who}()</source>
        <translation>{by} 调用 {who}()</translation>
    </message>
    <message>
        <source>A plain call: {by} waits until {who} returns.</source>
        <translation>普通的函数调用：{by} 一直等到 {who} 返回。</translation>
    </message>
    <message>
        <source>Step 2: send({value}) switches to {who}</source>
        <translation>第 2 步：send({value}) 切换到 {who} 执行</translation>
    </message>
    <message>
        <source>{by} sends {value} into {who} and waits. {who} carries on exactly where it was paused: its yield now gives {value}. No thread switch, just a jump.</source>
        <translation>{by} 把 {value} 发送给 {who}，然后等待。{who} 从上次暂停的地方继续执行：这个 yield 现在得到 {value}。没有线程切换，只是一次跳转。</translation>
    </message>
    <message>
        <source>next() resumes {who}</source>
        <translation>next() 恢复 {who}</translation>
    </message>
    <message>
        <source>{by} asks {who} for its next value; the paused yield gives None.</source>
        <translation>{by} 向 {who} 要下一个值；暂停处的 yield 得到 None。</translation>
    </message>
    <message>
        <source>Step 5: {by} closes {who}</source>
        <translation>第 5 步：{by} 关闭 {who}</translation>
    </message>
    <message>
        <source>{by} decides to stop and calls close(): GeneratorExit is raised inside {who} at its paused yield, so it can clean up and end.</source>
        <translation>{by} 决定不再继续，调用 close()：在 {who} 暂停的 yield 处抛出 GeneratorExit，让它收尾并结束。</translation>
    </message>
    <message>
        <source>{by} throws into {who}</source>
        <translation>{by} 向 {who} 抛入异常</translation>
    </message>
    <message>
        <source>{value} is raised inside {who} at its paused yield.</source>
        <translation>{value} 在 {who} 暂停的 yield 处被抛出。</translation>
    </message>
    <message>
        <source>{who} resumes</source>
        <translation>{who} 恢复执行</translation>
    </message>
    <message>
        <source>The outer frame&apos;s yield from / await passes control back down into {who}.</source>
        <translation>外层的 yield from / await 把控制权交回给 {who}。</translation>
    </message>
    <message>
        <source>Step 1: {who} is started and waits at yield</source>
        <translation>第 1 步：{who} 已启动，停在 yield 处等待</translation>
    </message>
    <message>
        <source>{who} ran up to its first yield, handed {value} back and paused at line {line}. Now it is ready to receive messages.</source>
        <translation>{who} 运行到第一个 yield，把 {value} 交回，然后在第 {line} 行暂停。现在它可以接收消息了。</translation>
    </message>
    <message>
        <source>Step 3: {who} yields {value} back</source>
        <translation>第 3 步：{who} 通过 yield 把 {value} 传回</translation>
    </message>
    <message>
        <source>{who} pauses at line {line} and hands {value} back to whoever sent to it. Its local variables stay alive while it waits for the next message.</source>
        <translation>{who} 在第 {line} 行暂停，把 {value} 交还给向它发送消息的一方。等待下一条消息时，它的局部变量都保留着。</translation>
    </message>
    <message>
        <source>{who} returns: it is finished</source>
        <translation>{who} 返回：执行完毕</translation>
    </message>
    <message>
        <source>Returning ends the {who}; whoever sent to it gets StopIteration.</source>
        <translation>返回即结束了 {who}；向它发送消息的一方会收到 StopIteration。</translation>
    </message>
    <message>
        <source>{who} returns {value}</source>
        <translation>{who} 返回 {value}</translation>
    </message>
    <message>
        <source>{who} is done; its caller continues with the returned value.</source>
        <translation>{who} 执行完毕；调用者拿着返回值继续执行。</translation>
    </message>
    <message>
        <source>GeneratorExit arrives in {who}</source>
        <translation>GeneratorExit 到达 {who}</translation>
    </message>
    <message>
        <source>close() raised GeneratorExit at the yield where {who} was paused (line {line}). {who} does not catch it, so it will end.</source>
        <translation>close() 在 {who} 暂停的 yield 处（第 {line} 行）抛出 GeneratorExit。{who} 没有捕获它，所以将会结束。</translation>
    </message>
    <message>
        <source>{who} raises an exception</source>
        <translation>{who} 抛出异常</translation>
    </message>
    <message>
        <source>Line {line} raised {value}. Python looks for a matching except, leaving frames until one handles it.</source>
        <translation>第 {line} 行抛出了 {value}。Python 会寻找匹配的 except，逐层退出栈帧，直到有人处理它。</translation>
    </message>
    <message>
        <source>{who} is closed</source>
        <translation>{who} 被关闭</translation>
    </message>
    <message>
        <source>GeneratorExit ended {who} where it was paused; it will run no more.</source>
        <translation>GeneratorExit 在 {who} 暂停的地方结束了它；它不会再运行。</translation>
    </message>
    <message>
        <source>{who} is closed; the whole process ends</source>
        <translation>{who} 被关闭，整个过程结束</translation>
    </message>
    <message>
        <source>GeneratorExit ended {who}. Everything ran in one thread, with no lock: the two functions took turns, which is why they are called coroutines.</source>
        <translation>GeneratorExit 结束了 {who}。整个流程无锁，由一个线程执行，两个函数轮流协作，所以称为“协程”。</translation>
    </message>
    <message>
        <source>{who} ends with an exception</source>
        <translation>{who} 因异常而结束</translation>
    </message>
    <message>
        <source>{value} was not handled in {who}, so it passes on to the caller.</source>
        <translation>{value} 没有在 {who} 中被处理，于是传给了调用者。</translation>
    </message>
    <message>
        <source>the console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <source>the error stream</source>
        <translation>错误输出</translation>
    </message>
    <message>
        <source>{who} prints</source>
        <translation>{who} 输出文字</translation>
    </message>
    <message>
        <source>Output to {stream}: {text}</source>
        <translation>输出到{stream}：{text}</translation>
    </message>
    <message>
        <source>{who} hands over to {inner}</source>
        <translation>{who} 把控制权交给 {inner}</translation>
    </message>
    <message>
        <source>yield from / await passes control into {inner}; what it yields goes straight out past {who}.</source>
        <translation>yield from / await 把控制权交给 {inner}；它 yield 出的值会直接穿过 {who} 传到外面。</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Stopped by a limit</source>
        <translation>因达到限制而停止</translation>
    </message>
    <message>
        <source>{message} Everything up to here can still be stepped through.</source>
        <translation>{message} 到此为止的所有步骤仍然可以逐步查看。</translation>
    </message>
    <message>
        <source>The program ends</source>
        <translation>程序结束</translation>
    </message>
    <message>
        <source>Exit status {status}.</source>
        <translation>退出状态 {status}。</translation>
    </message>
    <message>
        <source>{who} goes on; {gen} is ready</source>
        <translation>{who} 继续执行；{gen} 已准备好</translation>
    </message>
    <message>
        <source>The start-up send returned {value}. {who} carries on, line {line}: {source}</source>
        <translation>启动用的 send 返回了 {value}。{who} 继续执行，第 {line} 行：{source}</translation>
    </message>
    <message>
        <source>Step 4: {who} has the result and goes on</source>
        <translation>第 4 步：{who} 拿到结果，继续生产</translation>
    </message>
    <message>
        <source>send() returned {value}, the result {gen} yielded. {who} goes on with its own work, here line {line}: {source}</source>
        <translation>send() 返回了 {value}，这是 {gen} 处理后 yield 出的结果。{who} 拿到结果继续执行，这里是第 {line} 行：{source}</translation>
    </message>
    <message>
        <source>Step 3: {who} got the message {value}</source>
        <translation>第 3 步：{who} 通过 yield 拿到消息 {value}</translation>
    </message>
    <message>
        <source>The yield gave {value}; {who} processes it, line {line}: {source}</source>
        <translation>yield 得到了 {value}；{who} 处理这条消息，第 {line} 行：{source}</translation>
    </message>
    <message>
        <source>{who}, line {line}: {source}</source>
        <translation>{who}，第 {line} 行：{source}</translation>
    </message>
    <message>
        <source>{who}, line {line}</source>
        <translation>{who}，第 {line} 行</translation>
    </message>
    <message>
        <source>Runs: {source}</source>
        <translation>执行：{source}</translation>
    </message>
    <message>
        <source>{by} starts the generator {who}</source>
        <translation>{by} 启动生成器 {who}</translation>
    </message>
    <message>
        <source>{by} runs {source}: {who}&apos;s code runs for the first time, up to its first yield; {by} waits meanwhile.</source>
        <translation>{by} 执行 {source}：{who} 的代码第一次运行，一直运行到第一个 yield；这期间 {by} 在等待。</translation>
    </message>
    <message>
        <source>{who} passes {value} on out</source>
        <translation>{who} 把 {value} 继续传出去</translation>
    </message>
    <message>
        <source>{inner} yielded it; yield from hands it straight past {who} to {by}.</source>
        <translation>它是 {inner} yield 出来的；yield from 让它直接穿过 {who} 交给 {by}。</translation>
    </message>
    <message>
        <source>{who} yields {value} back to {by}</source>
        <translation>{who} 通过 yield 把 {value} 交还给 {by}</translation>
    </message>
    <message>
        <source>{who} pauses at line {line}; {by} gets {value} and runs again. {who}&apos;s local variables stay alive.</source>
        <translation>{who} 在第 {line} 行暂停；{by} 拿到 {value} 继续执行。{who} 的局部变量都保留着。</translation>
    </message>
    <message>
        <source>{by} sends {value} into {who}</source>
        <translation>{by} 把 {value} 发送给 {who}</translation>
    </message>
    <message>
        <source>{who} carries on where it paused; its yield gives {value}.</source>
        <translation>{who} 从暂停的地方继续执行；它的 yield 得到 {value}。</translation>
    </message>
    <message>
        <source>{by} closes {who}</source>
        <translation>{by} 关闭 {who}</translation>
    </message>
    <message>
        <source>GeneratorExit is raised inside {who} at its paused yield, so it can clean up.</source>
        <translation>在 {who} 暂停的 yield 处抛出 GeneratorExit，让它收尾。</translation>
    </message>
    <message>
        <source>The message loop turns</source>
        <translation>消息循环转了一轮</translation>
    </message>
    <message>
        <source>The task finished; anything awaiting it can go on.</source>
        <translation>任务完成；等待它的代码可以继续了。</translation>
    </message>
    <message>
        <source>{what}: the loop will wake the task when the time comes and handles other messages meanwhile.</source>
        <translation>{what}：时间到时消息循环会唤醒这个任务，在此期间它去处理其他消息。</translation>
    </message>
    <message>
        <source>The code only sends the request and does not wait for the result: this handler ends and the loop goes on with other messages.</source>
        <translation>代码只负责发出 IO 请求，不等待 IO 结果：本轮消息处理直接结束，消息循环继续处理其他消息。</translation>
    </message>
    <message>
        <source>IO complete: {what}</source>
        <translation>IO 完成：{what}</translation>
    </message>
    <message>
        <source>A blocking call holds the only thread: no other message is handled until it returns. This is the mistake asynchronous code must avoid.</source>
        <translation>一个阻塞调用占住了唯一的线程：在它返回之前，任何其他消息都得不到处理。这正是异步代码必须避免的错误。</translation>
    </message>
    <message>
        <source>{task} starts: the loop runs {who} for the first time</source>
        <translation>{task} 开始：消息循环第一次运行 {who}</translation>
    </message>
    <message>
        <source>The event loop steps {task} by sending None into its coroutine {who}: {who} runs up to its first await, then control comes back to the loop.</source>
        <translation>事件循环向 {task} 的协程 {who} 发送 None 来推进它：{who} 运行到第一个 await，然后控制权回到消息循环。</translation>
    </message>
    <message>
        <source>await runs {who} inside {task}</source>
        <translation>await 在 {task} 中运行 {who}</translation>
    </message>
    <message>
        <source>{who} runs as part of {task}: if it has to wait, the whole task waits with it.</source>
        <translation>{who} 作为 {task} 的一部分运行：如果它要等待，整个任务都随它一起等待。</translation>
    </message>
    <message>
        <source>{who} returns {value}: {task} is done</source>
        <translation>{who} 返回 {value}：{task} 完成</translation>
    </message>
    <message>
        <source>The return value becomes the result of {task}; whoever awaits {task} gets it.</source>
        <translation>返回值成为 {task} 的结果；await {task} 的一方会拿到它。</translation>
    </message>
    <message>
        <source>The await that called {who} gets {value}; {task} goes on.</source>
        <translation>调用 {who} 的 await 得到 {value}；{task} 继续执行。</translation>
    </message>
    <message>
        <source>{who} resumes inside {task}</source>
        <translation>{who} 在 {task} 中恢复执行</translation>
    </message>
    <message>
        <source>The await chain passes control back down to {who}, where the wait began.</source>
        <translation>await 链把控制权一路交回给 {who}，也就是开始等待的地方。</translation>
    </message>
    <message>
        <source>{task} wakes: {who} goes on at line {line}</source>
        <translation>{task} 被唤醒：{who} 从第 {line} 行继续</translation>
    </message>
    <message>
        <source>{reason} The loop sends {value} into {who}, which carries on after its await.</source>
        <translation>{reason}消息循环把 {value} 发送给 {who}，它从 await 之后继续执行。</translation>
    </message>
    <message>
        <source>{who} waits with {inner}</source>
        <translation>{who} 与 {inner} 一起等待</translation>
    </message>
    <message>
        <source>{who} awaits {inner}, so the wait passes on up to {task} and back to the loop.</source>
        <translation>{who} 在 await {inner}，所以等待一路传到 {task}，控制权回到消息循环。</translation>
    </message>
    <message>
        <source>{who} lets the others run</source>
        <translation>{who} 让其他任务先运行</translation>
    </message>
    <message>
        <source>{task} yields to the loop without waiting for anything (asyncio.sleep(0)): the tasks already ready run first, then {task} again.</source>
        <translation>{task} 不等待任何东西就把控制权交给消息循环（asyncio.sleep(0)）：已就绪的任务先运行，然后再轮到 {task}。</translation>
    </message>
    <message>
        <source>{who} awaits: {task} gives control back to the loop</source>
        <translation>{who} 在 await：{task} 把控制权交回消息循环</translation>
    </message>
    <message>
        <source>It sent {what} and waits for the answer without blocking: the loop runs other tasks meanwhile, and the completion will wake {task}.</source>
        <translation>它发出了 {what}，不阻塞地等待结果：这期间消息循环运行其他任务，IO 完成时会唤醒 {task}。</translation>
    </message>
    <message>
        <source>asyncio.sleep: a timer will wake {task} when the time comes; the loop runs other tasks meanwhile.</source>
        <translation>asyncio.sleep：时间到时定时器会唤醒 {task}；这期间消息循环运行其他任务。</translation>
    </message>
    <message>
        <source>Its blocking work runs on a thread pool; the loop stays free until the result comes back.</source>
        <translation>它的阻塞工作在线程池中运行；结果回来之前消息循环保持空闲。</translation>
    </message>
    <message>
        <source>The queue is full, so {task}, the producer here, waits at {source} until another task takes an item.</source>
        <translation>队列满了，所以 {task}（这里的生产者）在 {source} 处等待，直到另一个任务取走一条消息。</translation>
    </message>
    <message>
        <source>The queue is empty, so {task} waits at {source} until another task puts an item in.</source>
        <translation>队列空了，所以 {task} 在 {source} 处等待，直到另一个任务放入一条消息。</translation>
    </message>
    <message>
        <source>It waits at {source} for other tasks to finish.</source>
        <translation>它在 {source} 处等待其他任务完成。</translation>
    </message>
    <message>
        <source>It waits at {source} for a result; whoever provides it wakes the task.</source>
        <translation>它在 {source} 处等待一个结果；提供结果的一方会唤醒这个任务。</translation>
    </message>
    <message>
        <source>Its {what} has completed.</source>
        <translation>它的 {what} 已完成。</translation>
    </message>
    <message>
        <source>Its thread-pool work is done.</source>
        <translation>它在线程池中的工作已完成。</translation>
    </message>
    <message>
        <source>Its timer fired: the sleep is over.</source>
        <translation>它的定时器到期：sleep 结束了。</translation>
    </message>
    <message>
        <source>{other}, which it awaited, has finished.</source>
        <translation>它所等待的 {other} 已经完成。</translation>
    </message>
    <message>
        <source>Its turn in the ready queue has come.</source>
        <translation>就绪队列里轮到它了。</translation>
    </message>
    <message>
        <source>the new connection is handed to the stream reader</source>
        <translation>新建立的连接交给流读取器</translation>
    </message>
    <message>
        <source>the closed connection is cleaned up</source>
        <translation>清理已关闭的连接</translation>
    </message>
    <message>
        <source>a waiting task&apos;s future gets its result, so the task can be woken</source>
        <translation>等待中的任务的 future 得到结果，任务可以被唤醒</translation>
    </message>
    <message>
        <source>gather notes that one of its tasks has finished</source>
        <translation>gather 记下它的一个任务已完成</translation>
    </message>
    <message>
        <source>the TaskGroup notes that one of its tasks has finished</source>
        <translation>TaskGroup 记下它的一个任务已完成</translation>
    </message>
    <message>
        <source>run_until_complete sees that what it ran has finished and stops the loop</source>
        <translation>run_until_complete 发现它运行的协程已结束，于是停止消息循环</translation>
    </message>
    <message>
        <source>a task whose future is done is woken</source>
        <translation>唤醒一个所等待的 future 已完成的任务</translation>
    </message>
    <message>
        <source>internal work of asyncio</source>
        <translation>asyncio 的内部工作</translation>
    </message>
    <message>
        <source>Ready now: {tasks}. The loop runs each ready handler once, in order; a task runs until its next await.</source>
        <translation>现在就绪：{tasks}。消息循环按顺序把每个就绪的处理程序运行一次；任务一直运行到下一个 await。</translation>
    </message>
    <message>
        <source>No task of the program is ready: the loop only does its own bookkeeping.</source>
        <translation>程序的任务都没有就绪：消息循环只做它自己的内部工作。</translation>
    </message>
    <message>
        <source>Also {n} of asyncio&apos;s own callbacks.</source>
        <translation>另有 {n} 个 asyncio 自己的回调。</translation>
    </message>
    <message>
        <source>asyncio&apos;s bookkeeping</source>
        <translation>asyncio 的内部工作</translation>
    </message>
    <message>
        <source>asyncio creates a task of its own ({what}) to clean up.</source>
        <translation>asyncio 创建了一个自己的任务（{what}）来收尾。</translation>
    </message>
    <message>
        <source>asyncio.run</source>
        <translation>asyncio.run</translation>
    </message>
    <message>
        <source>{by} creates the task {task}</source>
        <translation>{by} 创建任务 {task}</translation>
    </message>
    <message>
        <source>create_task wraps the coroutine in a Task and puts its first step in the ready queue: nothing of it runs until the loop gets to it.</source>
        <translation>create_task 把协程包装成 Task，并把它的第一步放进就绪队列：在消息循环轮到它之前，它一行也不会运行。</translation>
    </message>
    <message>
        <source>One of asyncio&apos;s own tasks runs ({task}).</source>
        <translation>asyncio 自己的一个任务在运行（{task}）。</translation>
    </message>
    <message>
        <source>Its first step.</source>
        <translation>这是它的第一步。</translation>
    </message>
    <message>
        <source>The loop runs {task}</source>
        <translation>消息循环运行 {task}</translation>
    </message>
    <message>
        <source>{reason} {task} runs until its next await, then control returns to the loop.</source>
        <translation>{reason}{task} 一直运行到下一个 await，然后控制权回到消息循环。</translation>
    </message>
    <message>
        <source>One of asyncio&apos;s own tasks is done ({task}).</source>
        <translation>asyncio 自己的一个任务完成了（{task}）。</translation>
    </message>
    <message>
        <source>{task} is done ({how})</source>
        <translation>{task} 完成（{how}）</translation>
    </message>
    <message>
        <source>{task} sets a timer</source>
        <translation>{task} 设置了一个定时器</translation>
    </message>
    <message>
        <source>the loop</source>
        <translation>消息循环</translation>
    </message>
    <message>
        <source>A timer fires for {task}</source>
        <translation>{task} 的定时器到期</translation>
    </message>
    <message>
        <source>Its wake-up goes into the ready queue: {task} runs in the next turn.</source>
        <translation>唤醒消息进入就绪队列：{task} 在下一轮运行。</translation>
    </message>
    <message>
        <source>A timer is cancelled</source>
        <translation>一个定时器被取消</translation>
    </message>
    <message>
        <source>It will not fire: nobody waits for it any more.</source>
        <translation>它不会到期了：已经没有人在等它。</translation>
    </message>
    <message>
        <source>{task} sends a request: {what}</source>
        <translation>{task} 发出请求：{what}</translation>
    </message>
    <message>
        <source>An &quot;IO complete&quot; message comes back into the queue; handling it wakes {task} with the result.</source>
        <translation>一条“IO 完成”的消息回到队列；处理这条消息时，{task} 带着结果被唤醒。</translation>
    </message>
    <message>
        <source>{task} blocks the loop: {what}</source>
        <translation>{task} 阻塞了消息循环：{what}</translation>
    </message>
    <message>
        <source>A completion is delivered</source>
        <translation>送达一个完成消息</translation>
    </message>
    <message>
        <source>The answer to {what} is handed to the future its task awaits.</source>
        <translation>{what} 的结果交给了它的任务所等待的 future。</translation>
    </message>
    <message>
        <source>{words} (library callback {name}).</source>
        <translation>{words}（库的回调 {name}）。</translation>
    </message>
    <message>
        <source>Work sent to a thread pool</source>
        <translation>工作交给线程池</translation>
    </message>
    <message>
        <source>The blocking work runs on another thread; the loop stays free.</source>
        <translation>阻塞的工作在另一个线程上运行；消息循环保持空闲。</translation>
    </message>
    <message>
        <source>Thread-pool work done</source>
        <translation>线程池的工作完成</translation>
    </message>
    <message>
        <source>Its result comes back to the loop as a message.</source>
        <translation>结果作为一条消息回到消息循环。</translation>
    </message>
    <message>
        <source>its time slice was over</source>
        <translation>它的时间片用完了</translation>
    </message>
    <message>
        <source>it has to wait</source>
        <translation>它必须等待</translation>
    </message>
    <message>
        <source>an idle CPU picks up a woken thread</source>
        <translation>空闲的 CPU 接手一个被唤醒的线程</translation>
    </message>
    <message>
        <source>it gave the CPU away (time.sleep(0))</source>
        <translation>它主动让出了 CPU（time.sleep(0)）</translation>
    </message>
    <message>
        <source>it has finished</source>
        <translation>它已经结束</translation>
    </message>
    <message>
        <source>an idle CPU picks up a new thread</source>
        <translation>空闲的 CPU 接手一个新线程</translation>
    </message>
    <message>
        <source>Thread {who} created</source>
        <translation>创建了线程 {who}</translation>
    </message>
    <message>
        <source>The OS sets up a stack and scheduling state for a new thread.</source>
        <translation>操作系统为新线程分配栈和调度状态。</translation>
    </message>
    <message>
        <source>The CPU goes idle</source>
        <translation>CPU 空闲</translation>
    </message>
    <message>
        <source>No thread is ready: every one waits for something.</source>
        <translation>没有线程就绪：每个线程都在等待什么。</translation>
    </message>
    <message>
        <source>Context switch: {out} → {who}</source>
        <translation>上下文切换：{out} → {who}</translation>
    </message>
    <message>
        <source>The OS switches because {why}: it saves one thread&apos;s registers and loads another&apos;s. Time spent switching is time no work gets done; more threads, more switching.</source>
        <translation>操作系统切换线程，因为{why}：它保存一个线程的寄存器，再载入另一个线程的。切换所花的时间里没有做任何有用的工作；线程越多，切换越多。</translation>
    </message>
    <message>
        <source>{who} waits on {lock}</source>
        <translation>{who} 在 {lock} 上等待</translation>
    </message>
    <message>
        <source>wait() gives the condition&apos;s lock up and sleeps until another thread calls notify(); here {waker} wakes it.</source>
        <translation>wait() 交出条件变量的锁并睡眠，直到另一个线程调用 notify()；这里由 {waker} 唤醒它。</translation>
    </message>
    <message>
        <source>It sleeps until another thread signals it; here {waker} wakes it.</source>
        <translation>它睡眠，直到另一个线程发出信号；这里由 {waker} 唤醒它。</translation>
    </message>
    <message>
        <source>{who} waits for {lock}</source>
        <translation>{who} 等待 {lock}</translation>
    </message>
    <message>
        <source>{holder} holds it; {who} sleeps until {holder} releases it.</source>
        <translation>{holder} 持有它；{who} 睡眠，直到 {holder} 释放它。</translation>
    </message>
    <message>
        <source>another thread</source>
        <translation>另一个线程</translation>
    </message>
    <message>
        <source>{who} takes {lock}</source>
        <translation>{who} 获得 {lock}</translation>
    </message>
    <message>
        <source>{who} releases {lock}</source>
        <translation>{who} 释放 {lock}</translation>
    </message>
    <message>
        <source>Each thread waits for something another one holds: none can ever go on. {message}</source>
        <translation>每个线程都在等另一个线程持有的东西：谁也无法继续。{message}</translation>
    </message>
    <message>
        <source>{who} is {state}</source>
        <translation>{who}：{state}</translation>
    </message>
    <message>
        <source>{waker} wakes {who}</source>
        <translation>{waker} 唤醒 {who}</translation>
    </message>
    <message>
        <source>{who} is ready again and waits for a CPU to run on.</source>
        <translation>{who} 重新就绪，等待一个 CPU 来运行它。</translation>
    </message>
    <message>
        <source>{who} runs on CPU {cpu}.</source>
        <translation>{who} 在 CPU {cpu} 上运行。</translation>
    </message>
    <message>
        <source>{who} waits for {other} to finish</source>
        <translation>{who} 等待 {other} 结束</translation>
    </message>
    <message>
        <source>join() blocks {who} until {other} has exited.</source>
        <translation>join() 阻塞 {who}，直到 {other} 退出。</translation>
    </message>
    <message>
        <source>It sleeps; it uses no CPU while it waits.</source>
        <translation>它在睡眠；等待期间不占用 CPU。</translation>
    </message>
    <message>
        <source>{who} waits for IO (or sleeps): the OS runs other threads meanwhile.</source>
        <translation>{who} 在等待 IO（或在睡眠）：这期间操作系统运行其他线程。</translation>
    </message>
    <message>
        <source>The scheduler changed the thread&apos;s state.</source>
        <translation>调度器改变了线程的状态。</translation>
    </message>
    <message>
        <source>Only the holder may touch the shared data now.</source>
        <translation>现在只有持有者可以访问共享数据。</translation>
    </message>
    <message>
        <source>A thread waiting for it can be woken.</source>
        <translation>等待这把锁的线程可以被唤醒了。</translation>
    </message>
    <message>
        <source>Deadlock</source>
        <translation>死锁</translation>
    </message>
    <message>
        <source>{who} exits</source>
        <translation>{who} 退出</translation>
    </message>
    <message>
        <source>The thread&apos;s work is done and its stack is freed.</source>
        <translation>线程的工作完成，它的栈被释放。</translation>
    </message>
</context>
<context>
    <name>Chapter</name>
    <message>
        <source>The program starts</source>
        <translation>程序开始运行</translation>
    </message>
    <message>
        <source>Step 1: {by} starts the generator {gen}</source>
        <translation>第 1 步：{by} 启动生成器 {gen}</translation>
    </message>
    <message>
        <source>Step 2: send({value}) switches to {gen}</source>
        <translation>第 2 步：send({value}) 切换到 {gen} 执行</translation>
    </message>
    <message>
        <source>Step 3: {gen} takes {value} and yields {result} back</source>
        <translation>第 3 步：{gen} 通过 yield 拿到消息 {value}，处理后把 {result} 传回</translation>
    </message>
    <message>
        <source>Step 4: {by} has the result {result} and goes on</source>
        <translation>第 4 步：{by} 拿到结果 {result}，继续生产</translation>
    </message>
    <message>
        <source>Step 5: {by} closes {gen}; the whole process ends</source>
        <translation>第 5 步：{by} 关闭 {gen}，整个过程结束</translation>
    </message>
    <message>
        <source>{by} hands control to {gen}</source>
        <translation>{by} 把控制权交给 {gen}</translation>
    </message>
    <message>
        <source>{gen} yields {value} back to {by}</source>
        <translation>{gen} 通过 yield 把 {value} 交还给 {by}</translation>
    </message>
    <message>
        <source>The event loop starts: it runs {tasks}</source>
        <translation>事件循环开始：运行 {tasks}</translation>
    </message>
    <message>
        <source>The loop turns: it runs {tasks}</source>
        <translation>消息循环转了一轮：运行 {tasks}</translation>
    </message>
    <message>
        <source>IO complete: {what} wakes {task}</source>
        <translation>IO 完成：{what} 唤醒 {task}</translation>
    </message>
    <message>
        <source>A timer fires: it wakes {task}</source>
        <translation>定时器到期：唤醒 {task}</translation>
    </message>
    <message>
        <source>{task} blocks the loop: {what}</source>
        <translation>{task} 阻塞了消息循环：{what}</translation>
    </message>
    <message>
        <source>{thread} waits for {on}; no thread is ready</source>
        <translation>{thread} 等待 {on}；没有就绪的线程</translation>
    </message>
    <message>
        <source>{thread} waits for {on}; {next} runs</source>
        <translation>{thread} 等待 {on}；{next} 运行</translation>
    </message>
    <message>
        <source>{thread}&apos;s time slice is over; {next} runs</source>
        <translation>{thread} 的时间片用完；{next} 运行</translation>
    </message>
    <message>
        <source>{thread} has finished; {next} runs</source>
        <translation>{thread} 已结束；{next} 运行</translation>
    </message>
    <message>
        <source>{next} runs</source>
        <translation>{next} 运行</translation>
    </message>
    <message>
        <source>{who} raises {error}</source>
        <translation>{who} 抛出 {error}</translation>
    </message>
    <message>
        <source>Deadlock: no thread can go on</source>
        <translation>死锁：没有线程能继续</translation>
    </message>
    <message>
        <source>Stopped by a limit</source>
        <translation>因达到限制而停止</translation>
    </message>
</context>
<context>
    <name>ChapterNotes</name>
    <message>
        <source>Chapter Note</source>
        <translation>章节注释</translation>
    </message>
    <message>
        <source>Note for chapter {n} (shown on the caption pane while it plays):</source>
        <translation>第 {n} 章的注释（播放这一章时显示在说明窗格上）：</translation>
    </message>
    <message>
        <source>Chapter &amp;Note…</source>
        <translation>章节注释(&amp;N)…</translation>
    </message>
    <message>
        <source>Write a note for the chapter the playhead is in (Ctrl+Shift+N)</source>
        <translation>为播放头所在的章节写一段注释（Ctrl+Shift+N）</translation>
    </message>
</context>
<context>
    <name>Compare</name>
    <message>
        <source>simulating in the background…</source>
        <translation>正在后台模拟…</translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>已是最新</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>makespan</source>
        <translation>总耗时</translation>
    </message>
    <message>
        <source>memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>OS switches (vol / invol)</source>
        <translation>系统上下文切换（主动 / 被动）</translation>
    </message>
    <message>
        <source>task switches</source>
        <translation>任务切换</translation>
    </message>
    <message>
        <source>CPU: useful / switching / start-up / idle</source>
        <translation>CPU：有效 / 切换 / 启动 / 空闲</translation>
    </message>
    <message>
        <source>simulating…</source>
        <translation>正在模拟…</translation>
    </message>
    <message>
        <source>{pct}% of busy CPU switching</source>
        <translation>忙碌 CPU 的 {pct}% 用于切换</translation>
    </message>
    <message>
        <source>{pct}% switching</source>
        <translation>{pct}% 用于切换</translation>
    </message>
    <message>
        <source>Per model: makespan, throughput, context switches, memory and where the CPU time went. The % beside each bar is the share of the busy CPU (useful, switching, start-up) spent switching.</source>
        <translation>每种模型的总耗时、吞吐量、上下文切换、内存，以及 CPU 时间花在了哪里。条形旁的百分比是忙碌 CPU（有效、切换、启动）中用于切换的比例。</translation>
    </message>
    <message>
        <source>IO-bound</source>
        <translation>IO 密集型</translation>
    </message>
    <message>
        <source>CPU-bound</source>
        <translation>CPU 密集型</translation>
    </message>
    <message>
        <source>IO-bound: each task waits on 10 network replies (~50 ms) and computes 20 µs after each. CPU-bound: each task computes 3 × 5 ms in C code that releases the GIL.</source>
        <translation>IO 密集型：每个任务等待 10 次网络回复（约 50 ms），每次之后计算 20 µs。CPU 密集型：每个任务在释放 GIL 的 C 代码中计算 3 × 5 ms。</translation>
    </message>
    <message>
        <source>realistic</source>
        <translation>贴近现实</translation>
    </message>
    <message>
        <source>teaching</source>
        <translation>教学（夸大）</translation>
    </message>
    <message>
        <source>Realistic costs, or costs stretched so microsecond effects can be seen</source>
        <translation>贴近现实的开销，或者放大后的开销，让微秒级的效果也能看清</translation>
    </message>
    <message>
        <source>How many CPUs the modelled machine has</source>
        <translation>模拟的机器有多少个 CPU</translation>
    </message>
    <message>
        <source>OS time slice: how long a thread may run before it is preempted</source>
        <translation>操作系统时间片：线程被抢占之前最多能运行多久</translation>
    </message>
    <message>
        <source>Direct cost of one context switch</source>
        <translation>一次上下文切换的直接开销</translation>
    </message>
    <message>
        <source>Mean latency of one IO wait</source>
        <translation>一次 IO 等待的平均延迟</translation>
    </message>
    <message>
        <source>How many tasks the metrics pane compares (the chart sweeps 1 to 10,000)</source>
        <translation>指标窗格比较多少个任务（图表从 1 扫到 10,000）</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>工作负载</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>CPUs</source>
        <translation>CPU 数</translation>
    </message>
    <message>
        <source>Time slice</source>
        <translation>时间片</translation>
    </message>
    <message>
        <source>Switch cost</source>
        <translation>切换开销</translation>
    </message>
    <message>
        <source>IO latency</source>
        <translation>IO 延迟</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>throughput (tasks/s)</source>
        <translation>吞吐量（任务/秒）</translation>
    </message>
    <message>
        <source>OS context switches per task</source>
        <translation>每个任务的系统上下文切换</translation>
    </message>
    <message>
        <source>x axis: tasks; both axes logarithmic</source>
        <translation>横轴：任务数；两个坐标轴都是对数刻度</translation>
    </message>
    <message>
        <source>How each model scales from 1 to 10,000 tasks (both axes logarithmic)</source>
        <translation>每种模型从 1 到 10,000 个任务的扩展情况（两个坐标轴都是对数刻度）</translation>
    </message>
    <message>
        <source>thread per task</source>
        <translation>每任务一个线程</translation>
    </message>
    <message>
        <source>thread pool</source>
        <translation>线程池</translation>
    </message>
    <message>
        <source>coroutines</source>
        <translation>协程</translation>
    </message>
    <message>
        <source>processes × coroutines</source>
        <translation>多进程 × 协程</translation>
    </message>
    <message>
        <source>coroutines finish first</source>
        <translation>协程先完成</translation>
    </message>
    <message>
        <source>threads finish first</source>
        <translation>线程先完成</translation>
    </message>
    <message>
        <source>At {tasks} tasks threads spend {threads}% of their CPU switching; coroutines {loop}% ({faster}).</source>
        <translation>在 {tasks} 个任务时，线程把 {threads}% 的 CPU 花在切换上；协程为 {loop}%（{faster}）。</translation>
    </message>
    <message>
        <source>Workload: IO-bound, the seed&apos;s case (each task mostly waits on the network)</source>
        <translation>工作负载：IO 密集型，即原文的情形（每个任务大部分时间在等网络）</translation>
    </message>
    <message>
        <source>Workload: CPU-bound (C code that releases the GIL: threads and processes use every core)</source>
        <translation>工作负载：CPU 密集型（释放 GIL 的 C 代码：线程和进程能用上所有核心）</translation>
    </message>
    <message>
        <source>Workload: {name}</source>
        <translation>工作负载：{name}</translation>
    </message>
    <message>
        <source>Teaching preset: switch and IO costs are exaggerated so they can be seen</source>
        <translation>教学预设：切换和 IO 的开销被夸大，以便看得见</translation>
    </message>
</context>
<context>
    <name>Deadlock</name>
    <message>
        <source>deadlock: {cycle}</source>
        <translation>死锁：{cycle}</translation>
    </message>
    <message>
        <source>deadlock: no thread can run. {cycle}</source>
        <translation>死锁：没有线程能运行。{cycle}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>{message} (stopped at line {line})</source>
        <translation>{message}（停在第 {line} 行）</translation>
    </message>
    <message>
        <source>waits for {other} to finish</source>
        <translation>等待 {other} 结束</translation>
    </message>
    <message>
        <source>waits for IO</source>
        <translation>等待 IO</translation>
    </message>
    <message>
        <source>waits for {what} (held by {owner})</source>
        <translation>等待 {what}（由 {owner} 持有）</translation>
    </message>
    <message>
        <source>waits for {what}</source>
        <translation>等待 {what}</translation>
    </message>
    <message>
        <source>{thread} holds {locks} and {waits}</source>
        <translation>{thread} 持有 {locks}，并{waits}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{thread} {waits}</source>
        <translation>{thread} {waits}</translation>
    </message>
    <message>
        <source>{part} at line {line}</source>
        <translation>{part}，在第 {line} 行</translation>
    </message>
</context>
<context>
    <name>Editor</name>
    <message>
        <source>Cannot write the program to run it: {reason}</source>
        <translation>无法写出程序来运行：{reason}</translation>
    </message>
    <message>
        <source>Your earlier edits to {name} are back in the editor.</source>
        <translation>你之前对 {name} 的修改已放回编辑器。</translation>
    </message>
    <message>
        <source>{name} changed on disk.</source>
        <translation>{name} 在磁盘上被修改了。</translation>
    </message>
    <message>
        <source>Reloading replaces your edits; Ctrl+Z in the editor brings them back.</source>
        <translation>重新载入会替换你的修改；在编辑器里按 Ctrl+Z 可以找回。</translation>
    </message>
    <message>
        <source>Tracing the edited program…</source>
        <translation>正在跟踪修改后的程序…</translation>
    </message>
    <message>
        <source>● Edited, not yet run (Ctrl+R)</source>
        <translation>● 已修改，尚未运行（Ctrl+R）</translation>
    </message>
    <message>
        <source>● Edited: the steps shown are of the old text. Run (Ctrl+R) to trace it.</source>
        <translation>● 已修改：显示的步骤来自旧的代码。按“运行”（Ctrl+R）重新跟踪。</translation>
    </message>
    <message>
        <source>&amp;Edit Program</source>
        <translation>编辑程序(&amp;E)</translation>
    </message>
    <message>
        <source>Switch between stepping through the run and editing the program (F2)</source>
        <translation>在逐步查看运行过程和编辑程序之间切换（F2）</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Trace the program as edited and show the new run, at the same place (Ctrl+R)</source>
        <translation>跟踪修改后的程序，并在同一位置显示新的运行过程（Ctrl+R）</translation>
    </message>
    <message>
        <source>Reload and Run</source>
        <translation>重新载入并运行</translation>
    </message>
    <message>
        <source>Put the file&apos;s new text in the editor and run it</source>
        <translation>把文件的新内容放进编辑器并运行</translation>
    </message>
    <message>
        <source>Keep Mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <source>Keep the text in the editor; ignore this change</source>
        <translation>保留编辑器里的代码，忽略这次修改</translation>
    </message>
    <message>
        <source>The program: edit it, then Run (Ctrl+R)</source>
        <translation>程序：修改后按“运行”（Ctrl+R）</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Coroscope: something went wrong</source>
        <translation>Coroscope：出错了</translation>
    </message>
    <message>
        <source>An unexpected error happened: {error}. Coroscope keeps running; the details were logged.</source>
        <translation>发生了意外错误：{error}。Coroscope 会继续运行；详细信息已记录到日志。</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Exporting {name}…</source>
        <translation>正在导出 {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was saved.</source>
        <translation>导出已取消，没有保存任何文件。</translation>
    </message>
    <message>
        <source>MP4 video (H.264)</source>
        <translation>MP4 视频（H.264）</translation>
    </message>
    <message>
        <source>Plays everywhere; small files</source>
        <translation>到处都能播放，文件小</translation>
    </message>
    <message>
        <source>GIF animation</source>
        <translation>GIF 动画</translation>
    </message>
    <message>
        <source>Loops in slides and web pages</source>
        <translation>在幻灯片和网页中循环播放</translation>
    </message>
    <message>
        <source>PNG pictures (a folder)</source>
        <translation>PNG 图片（一个文件夹）</translation>
    </message>
    <message>
        <source>One lossless picture per frame, for video editors</source>
        <translation>每帧一张无损图片，供视频编辑软件使用</translation>
    </message>
    <message>
        <source>One PNG picture</source>
        <translation>一张 PNG 图片</translation>
    </message>
    <message>
        <source>The first step of the range</source>
        <translation>范围中的第一步</translation>
    </message>
    <message>
        <source>What kind of file to make</source>
        <translation>要生成哪种文件</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>Where to save (a new folder for PNG pictures)</source>
        <translation>保存位置（PNG 图片会放进一个新文件夹）</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Choose where to save</source>
        <translation>选择保存位置</translation>
    </message>
    <message>
        <source>&amp;Save to:</source>
        <translation>保存到(&amp;S)：</translation>
    </message>
    <message>
        <source>The whole window</source>
        <translation>整个窗口</translation>
    </message>
    <message>
        <source>The panes only (as when presenting)</source>
        <translation>只要各个窗格（与演示时一样）</translation>
    </message>
    <message>
        <source>Code pane</source>
        <translation>代码窗格</translation>
    </message>
    <message>
        <source>Console pane</source>
        <translation>控制台窗格</translation>
    </message>
    <message>
        <source>Hand-off pane</source>
        <translation>交接窗格</translation>
    </message>
    <message>
        <source>Message loop pane</source>
        <translation>消息循环窗格</translation>
    </message>
    <message>
        <source>Caption pane</source>
        <translation>说明窗格</translation>
    </message>
    <message>
        <source>What each frame shows</source>
        <translation>每一帧显示什么</translation>
    </message>
    <message>
        <source>S&amp;hows:</source>
        <translation>内容(&amp;H)：</translation>
    </message>
    <message>
        <source>The window&apos;s size ({w}×{h})</source>
        <translation>窗口的大小（{w}×{h}）</translation>
    </message>
    <message>
        <source>Width and height of every frame in pixels</source>
        <translation>每一帧的宽度和高度（像素）</translation>
    </message>
    <message>
        <source>Si&amp;ze:</source>
        <translation>尺寸(&amp;Z)：</translation>
    </message>
    <message>
        <source>{fps} frames per second</source>
        <translation>每秒 {fps} 帧</translation>
    </message>
    <message>
        <source>Frame k shows the playhead k / fps seconds after the start</source>
        <translation>第 k 帧显示从起点播放 k / fps 秒后播放头所在的位置</translation>
    </message>
    <message>
        <source>Frame &amp;rate:</source>
        <translation>帧率(&amp;R)：</translation>
    </message>
    <message>
        <source>Lecture: hand-offs and IO held, lines quick</source>
        <translation>讲课：交接和 IO 停留，代码行快进</translation>
    </message>
    <message>
        <source>Every send, yield, IO request and completion moves slowly and then stays still long enough to talk over it; line steps pass quickly</source>
        <translation>每次 send、yield、IO 请求和完成消息都慢慢移动，然后停住，留出讲解的时间；逐行执行则快速通过</translation>
    </message>
    <message>
        <source>Steps, as the window plays</source>
        <translation>逐步，与窗口播放相同</translation>
    </message>
    <message>
        <source>Each step takes 150–400 ms at 1×, as when you press Play</source>
        <translation>1× 时每步 150–400 毫秒，与按下播放时相同</translation>
    </message>
    <message>
        <source>Virtual real time</source>
        <translation>虚拟实时</translation>
    </message>
    <message>
        <source>The program&apos;s own clock, slowed down as in the window</source>
        <translation>程序自己的时钟，按窗口中的倍率放慢</translation>
    </message>
    <message>
        <source>How long each step stays on screen</source>
        <translation>每一步在屏幕上停留多久</translation>
    </message>
    <message>
        <source>P&amp;ace:</source>
        <translation>节奏(&amp;A)：</translation>
    </message>
    <message>
        <source>Playing speed, as in the window (1× = 150–400 ms per event)</source>
        <translation>播放速度，与窗口中相同（1× = 每个事件 150–400 毫秒）</translation>
    </message>
    <message>
        <source>S&amp;peed:</source>
        <translation>速度(&amp;P)：</translation>
    </message>
    <message>
        <source>The whole trace</source>
        <translation>整个跟踪记录</translation>
    </message>
    <message>
        <source>From the first step to the last</source>
        <translation>从第一步到最后一步</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Only the steps from one number to another</source>
        <translation>只导出从某一步到另一步之间的步骤</translation>
    </message>
    <message>
        <source>Steps are counted as the status line counts them</source>
        <translation>步骤的编号与状态栏中的相同</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>Burn the caption into the bottom of every frame</source>
        <translation>把说明文字压制在每一帧的底部</translation>
    </message>
    <message>
        <source>What happened and why, readable without the caption pane</source>
        <translation>发生了什么、为什么——不看说明窗格也能读到</translation>
    </message>
    <message>
        <source>Captions:</source>
        <translation>说明文字：</translation>
    </message>
    <message>
        <source>Render and save; a progress window lets you cancel</source>
        <translation>渲染并保存；进度窗口中可以随时取消</translation>
    </message>
    <message>
        <source>MP4 video (*.mp4)</source>
        <translation>MP4 视频 (*.mp4)</translation>
    </message>
    <message>
        <source>GIF animation (*.gif)</source>
        <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
        <source>PNG picture (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>A new folder (*)</source>
        <translation>一个新文件夹 (*)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Choose where to save.</source>
        <translation>请选择保存位置。</translation>
    </message>
    <message>
        <source>Could not draw frame {k}: {reason}</source>
        <translation>无法绘制第 {k} 帧：{reason}</translation>
    </message>
    <message>
        <source>Could not export {name}: {reason}. Nothing was saved.</source>
        <translation>无法导出 {name}：{reason}。没有保存任何文件。</translation>
    </message>
    <message>
        <source>{name}: Coroscope exports .mp4, .gif, .png, or a folder of PNG frames.</source>
        <translation>{name}：Coroscope 只能导出 .mp4、.gif、.png，或一个存放 PNG 帧的文件夹。</translation>
    </message>
    <message>
        <source>The size must be 720p, 1080p, 4k or look like 1280x720, not {text}.</source>
        <translation>尺寸应为 720p、1080p、4k，或形如 1280x720，而不是 {text}。</translation>
    </message>
    <message>
        <source>The size {w}x{h} is out of range ({low} to {high} pixels a side).</source>
        <translation>尺寸 {w}x{h} 超出范围（每边 {low} 到 {high} 像素）。</translation>
    </message>
    <message>
        <source>An MP4 video needs an even width and height, not {w}x{h}.</source>
        <translation>MP4 视频的宽度和高度必须是偶数，{w}x{h} 不行。</translation>
    </message>
    <message>
        <source>The frame rate must be between 1 and 120, not {fps}.</source>
        <translation>帧率必须在 1 到 120 之间，而不是 {fps}。</translation>
    </message>
    <message>
        <source>A GIF plays at most {most} frames a second; choose 24 or 30.</source>
        <translation>GIF 每秒最多播放 {most} 帧，请选择 24 或 30。</translation>
    </message>
    <message>
        <source>The speed must be between 0.1 and 10, not {speed}.</source>
        <translation>速度必须在 0.1 到 10 之间，而不是 {speed}。</translation>
    </message>
    <message>
        <source>Unknown content {name}; choose one of: {names}.</source>
        <translation>未知的内容 {name}；请从以下选项中选择：{names}。</translation>
    </message>
    <message>
        <source>Steps are counted from 1.</source>
        <translation>步骤从 1 开始编号。</translation>
    </message>
    <message>
        <source>The trace has no events to export.</source>
        <translation>跟踪记录中没有可导出的事件。</translation>
    </message>
    <message>
        <source>Steps must be between 1 and {n}.</source>
        <translation>步骤必须在 1 到 {n} 之间。</translation>
    </message>
    <message>
        <source>The range ends (step {to}) before it starts (step {start}).</source>
        <translation>范围的终点（第 {to} 步）在起点（第 {start} 步）之前。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>{name} already exists and is not an empty folder; choose a new folder name.</source>
        <translation>{name} 已经存在，并且不是空文件夹；请换一个新的文件夹名。</translation>
    </message>
    <message>
        <source>{name} is a folder.</source>
        <translation>{name} 是一个文件夹。</translation>
    </message>
    <message>
        <source>The disk is full: {name} could not be written, so nothing was saved. Free some space and export again.</source>
        <translation>磁盘已满：无法写入 {name}，因此没有保存任何文件。请腾出一些空间后重新导出。</translation>
    </message>
    <message>
        <source>Coroscope may not write in {folder}; nothing was saved. Choose another folder.</source>
        <translation>Coroscope 无权写入 {folder}；没有保存任何文件。请选择其他文件夹。</translation>
    </message>
    <message>
        <source>Could not write {name}: {reason}. Nothing was saved.</source>
        <translation>无法写入 {name}：{reason}。没有保存任何文件。</translation>
    </message>
    <message>
        <source>The video would be longer than {minutes} minutes. Export a range of steps, or play faster.</source>
        <translation>视频会超过 {minutes} 分钟。请只导出一段步骤，或者加快播放速度。</translation>
    </message>
</context>
<context>
    <name>FontCheck</name>
    <message>
        <source>No Chinese font was found, so Chinese text cannot be shown{fallback}. Install one (e.g. Noto Sans CJK SC: fonts-noto-cjk on Debian/Ubuntu) and restart Coroscope.</source>
        <translation>没有找到中文字体，因此无法显示中文{fallback}。请安装一个（例如 Noto Sans CJK SC：Debian/Ubuntu 上的 fonts-noto-cjk），然后重新启动 Coroscope。</translation>
    </message>
    <message>
        <source>; the interface is in English</source>
        <translation>；界面改用英文</translation>
    </message>
</context>
<context>
    <name>Layout</name>
    <message>
        <source>Maximise Pane</source>
        <translation>最大化窗格</translation>
    </message>
    <message>
        <source>Give the pane under the mouse the whole window, or every pane back (Z or double-click)</source>
        <translation>让鼠标下的窗格占满整个窗口，或恢复所有窗格（Z 或双击）</translation>
    </message>
</context>
<context>
    <name>Lessons</name>
    <message>
        <source>Lecture Notes for This Program</source>
        <translation>本程序的讲课笔记</translation>
    </message>
    <message>
        <source>Step {step}</source>
        <translation>第 {step} 步</translation>
    </message>
    <message>
        <source>Chapters</source>
        <translation>章节</translation>
    </message>
    <message>
        <source>Who Waits</source>
        <translation>谁在等待</translation>
    </message>
    <message>
        <source>Waits</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>Lecture Notes</source>
        <translation>讲课笔记</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>blocked on IO</source>
        <translation>因 IO 阻塞</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Thread {name}: {state}</source>
        <translation>线程 {name}：{state}</translation>
    </message>
    <message>
        <source>IO (or time.sleep)</source>
        <translation>IO（或 time.sleep）</translation>
    </message>
    <message>
        <source>another thread</source>
        <translation>另一个线程</translation>
    </message>
    <message>
        <source>{thread} to finish (join)</source>
        <translation>{thread} 结束（join）</translation>
    </message>
    <message>
        <source>Thread {name}: {state} on {what}</source>
        <translation>线程 {name}：{state}，等待 {what}</translation>
    </message>
    <message>
        <source> (held by {holder})</source>
        <translation>（由 {holder} 持有）</translation>
    </message>
    <message>
        <source>; woken by {waker}</source>
        <translation>；将由 {waker} 唤醒</translation>
    </message>
    <message>
        <source>Tasks, as python -m asyncio pstree shows them:</source>
        <translation>任务（按 python -m asyncio pstree 的格式）：</translation>
    </message>
    <message>
        <source>The await graph has a cycle: {cycles}</source>
        <translation>await 关系图中有环：{cycles}</translation>
    </message>
    <message>
        <source>Threads (where each one is, and what it waits for):</source>
        <translation>线程（各自在哪里、在等什么）：</translation>
    </message>
    <message>
        <source>Nothing waits here: no asyncio task is pending and no thread was started.</source>
        <translation>这里没有谁在等待：没有未完成的 asyncio 任务，也没有启动过线程。</translation>
    </message>
    <message>
        <source>Cannot open the lesson: {reason}</source>
        <translation>无法打开课程：{reason}</translation>
    </message>
    <message>
        <source>Cannot save the lesson: {reason}</source>
        <translation>无法保存课程：{reason}</translation>
    </message>
    <message>
        <source>Saved the lesson as {name}</source>
        <translation>课程已保存为 {name}</translation>
    </message>
    <message>
        <source>Coroscope lessons (*.coroscope);;All files (*)</source>
        <translation>Coroscope 课程 (*.coroscope);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open a lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>Save the lesson</source>
        <translation>保存课程</translation>
    </message>
    <message>
        <source>Unsaved edits</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>The program has edits that are not saved in any file. Save them as a lesson before closing?</source>
        <translation>程序有尚未保存到任何文件的修改。关闭前要把它们保存为课程吗？</translation>
    </message>
    <message>
        <source>Open &amp;Lesson…</source>
        <translation>打开课程(&amp;L)…</translation>
    </message>
    <message>
        <source>Open a lesson: a program with its bookmarks, notes and view (Ctrl+Shift+O)</source>
        <translation>打开课程：程序及其书签、注释和视图设置（Ctrl+Shift+O）</translation>
    </message>
    <message>
        <source>&amp;Save Lesson</source>
        <translation>保存课程(&amp;S)</translation>
    </message>
    <message>
        <source>Save the program, bookmarks, notes and view as a lesson file (Ctrl+S)</source>
        <translation>把程序、书签、注释和视图设置保存为课程文件（Ctrl+S）</translation>
    </message>
    <message>
        <source>Save Lesson &amp;As…</source>
        <translation>课程另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the lesson under a new name (Ctrl+Shift+S)</source>
        <translation>用新的名字保存课程（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>The lecture notes are not installed (assets/lessons is missing).</source>
        <translation>讲课笔记没有安装（缺少 assets/lessons）。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{name} is not a Python program: Coroscope opens .py files.</source>
        <translation>{name} 不是 Python 程序：Coroscope 只能打开 .py 文件。</translation>
    </message>
    <message>
        <source>Cannot read {name}: {reason}</source>
        <translation>无法读取 {name}：{reason}</translation>
    </message>
    <message>
        <source>{name} is too large to step through ({size} MB).</source>
        <translation>{name} 太大了，无法逐步查看（{size} MB）。</translation>
    </message>
    <message>
        <source>{name} is not UTF-8 text, so it is not a Python program.</source>
        <translation>{name} 不是 UTF-8 文本，因此不是 Python 程序。</translation>
    </message>
    <message>
        <source>Open a Python program</source>
        <translation>打开 Python 程序</translation>
    </message>
    <message>
        <source>Python programs (*.py);;All files (*)</source>
        <translation>Python 程序 (*.py);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Tracing {name}…</source>
        <translation>正在跟踪 {name}…</translation>
    </message>
    <message>
        <source>Tracing… {steps} steps</source>
        <translation>正在跟踪… {steps} 步</translation>
    </message>
    <message>
        <source>Could not trace {name}: {message}</source>
        <translation>无法跟踪 {name}：{message}</translation>
    </message>
    <message>
        <source>Tracing was cancelled; the previous program stays on screen.</source>
        <translation>跟踪已取消；屏幕上保留之前的程序。</translation>
    </message>
    <message>
        <source>Syntax error at line {line}: {message}. Nothing could run.</source>
        <translation>第 {line} 行有语法错误：{message}。程序无法运行。</translation>
    </message>
    <message>
        <source>The program stopped with an exception at line {line}: {message}. Everything up to there can be stepped through.</source>
        <translation>程序在第 {line} 行因异常停止：{message}。到此为止的所有步骤都可以逐步查看。</translation>
    </message>
    <message>
        <source>Stopped by a limit at line {line}: {message}. Everything up to there can be stepped through.</source>
        <translation>在第 {line} 行因达到限制而停止：{message}。到此为止的所有步骤都可以逐步查看。</translation>
    </message>
    <message>
        <source>The run ended with an error at line {line}: {message}</source>
        <translation>运行在第 {line} 行出错结束：{message}</translation>
    </message>
    <message>
        <source>No program loaded. Open one with File &gt; Open or pick a scenario.</source>
        <translation>没有加载程序。请用“文件 &gt; 打开”打开一个程序，或选择一个场景。</translation>
    </message>
    <message>
        <source>No events recorded.</source>
        <translation>没有记录到事件。</translation>
    </message>
    <message>
        <source>Virtual time {time} · step {i} of {n} · {speed}×</source>
        <translation>虚拟时间 {time} · 第 {i} 步，共 {n} 步 · {speed}×</translation>
    </message>
    <message>
        <source>Coroscope</source>
        <translation>Coroscope</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Scenarios</source>
        <translation>场景(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Text &amp;Size</source>
        <translation>文字大小(&amp;S)</translation>
    </message>
    <message>
        <source>Present &amp;On</source>
        <translation>演示屏幕(&amp;O)</translation>
    </message>
    <message>
        <source>{percent} %</source>
        <translation>{percent}%</translation>
    </message>
    <message>
        <source>Size of every text in every pane</source>
        <translation>所有窗格中全部文字的大小</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Follow the System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Projector (high contrast)</source>
        <translation>投影仪（高对比度）</translation>
    </message>
    <message>
        <source>Colours for every pane</source>
        <translation>所有窗格的配色</translation>
    </message>
    <message>
        <source>Language of the interface and the captions</source>
        <translation>界面和解说文字的语言</translation>
    </message>
    <message>
        <source>Trace and show the built-in program {name}</source>
        <translation>跟踪并显示内置程序 {name}</translation>
    </message>
    <message>
        <source>Message loop</source>
        <translation>消息循环</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>The loop, its ready queue and the IO side</source>
        <translation>消息循环、就绪队列和 IO 一侧</translation>
    </message>
    <message>
        <source>Show where it stopped</source>
        <translation>显示停止的位置</translation>
    </message>
    <message>
        <source>Jump to the last recorded event</source>
        <translation>跳到最后记录的事件</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭提示</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>隐藏这条消息</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop tracing the program now</source>
        <translation>立即停止跟踪程序</translation>
    </message>
    <message>
        <source>The program is being traced in a separate process</source>
        <translation>程序正在一个单独的进程中被跟踪</translation>
    </message>
    <message>
        <source>Virtual time of the current event, and where it is in the run</source>
        <translation>当前事件的虚拟时间，以及它在整个运行中的位置</translation>
    </message>
    <message>
        <source>The program: the running line, paused frames and their variables</source>
        <translation>程序：正在运行的行、暂停的栈帧及其变量</translation>
    </message>
    <message>
        <source>The program&apos;s output, as far as the playhead has got</source>
        <translation>程序的输出，显示到播放头所在的位置</translation>
    </message>
    <message>
        <source>Who has control, and the value each send or yield carries</source>
        <translation>谁掌握控制权，以及每次 send 或 yield 传递的值</translation>
    </message>
    <message>
        <source>The message loop: ready queue, IO in flight, completions</source>
        <translation>消息循环：就绪队列、进行中的 IO、完成消息</translation>
    </message>
    <message>
        <source>What just happened, and why</source>
        <translation>刚刚发生了什么，为什么</translation>
    </message>
    <message>
        <source>Screen {n}: {name}</source>
        <translation>屏幕 {n}：{name}</translation>
    </message>
    <message>
        <source>Present on this screen (F5)</source>
        <translation>在这个屏幕上演示（F5）</translation>
    </message>
    <message>
        <source>About Coroscope</source>
        <translation>关于 Coroscope</translation>
    </message>
    <message>
        <source>Coroscope makes asynchronous IO visible: step through real Python programs on a virtual clock and watch generators, the message loop and threads take turns.</source>
        <translation>Coroscope 让异步 IO 看得见：在虚拟时钟上逐步运行真实的 Python 程序，观察生成器、消息循环和线程如何轮流工作。</translation>
    </message>
</context>
<context>
    <name>Panes</name>
    <message>
        <source>What happened</source>
        <translation>发生了什么</translation>
    </message>
    <message>
        <source>step {i} of {n}</source>
        <translation>第 {i} 步，共 {n} 步</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>No source to show.</source>
        <translation>没有可显示的源代码。</translation>
    </message>
    <message>
        <source>⋯ {n} lines folded away</source>
        <translation>⋯ 已折叠 {n} 行</translation>
    </message>
    <message>
        <source>‖ {name} and {n} more paused here</source>
        <translation>‖ {name} 等另外 {n} 个暂停在这里</translation>
    </message>
    <message>
        <source>{name} and {n} more wait here</source>
        <translation>{name} 等另外 {n} 个在这里等待</translation>
    </message>
    <message>
        <source>‖ {name} paused here</source>
        <translation>‖ {name} 暂停在这里</translation>
    </message>
    <message>
        <source>{name} waits here</source>
        <translation>{name} 在这里等待</translation>
    </message>
    <message>
        <source>running</source>
        <translation>正在运行</translation>
    </message>
    <message>
        <source>waiting for a call to return</source>
        <translation>等待调用返回</translation>
    </message>
    <message>
        <source>suspended at yield</source>
        <translation>暂停在 yield 处</translation>
    </message>
    <message>
        <source>created, not started</source>
        <translation>已创建，尚未启动</translation>
    </message>
    <message>
        <source>Frames and variables</source>
        <translation>栈帧和变量</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <source>(no variables yet)</source>
        <translation>（还没有变量）</translation>
    </message>
    <message>
        <source>… and {n} more frames</source>
        <translation>… 还有 {n} 个栈帧</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <source>({n} lines)</source>
        <translation>（{n} 行）</translation>
    </message>
    <message>
        <source>(no output yet)</source>
        <translation>（还没有输出）</translation>
    </message>
    <message>
        <source>event loop</source>
        <translation>事件循环</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>尚未开始</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>yielded {value}</source>
        <translation>yield 传回 {value}</translation>
    </message>
    <message>
        <source>close() → GeneratorExit</source>
        <translation>close() → GeneratorExit</translation>
    </message>
    <message>
        <source>thrown {value}</source>
        <translation>抛入 {value}</translation>
    </message>
    <message>
        <source>sent None (start)</source>
        <translation>send None（启动）</translation>
    </message>
    <message>
        <source>sent {value}</source>
        <translation>send 发送 {value}</translation>
    </message>
    <message>
        <source>Hand-off</source>
        <translation>交接</translation>
    </message>
    <message>
        <source>No hand-off in this program: no generator or coroutine is sent to or yields.</source>
        <translation>这个程序里没有交接：没有向生成器或协程 send，也没有 yield。</translation>
    </message>
    <message>
        <source>runs</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>waits</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>so far:</source>
        <translation>目前为止：</translation>
    </message>
    <message>
        <source>IO complete</source>
        <translation>IO 完成</translation>
    </message>
    <message>
        <source>{ms} ms</source>
        <translation>{ms} 毫秒</translation>
    </message>
    <message>
        <source>network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>disk</source>
        <translation>磁盘</translation>
    </message>
    <message>
        <source>timer</source>
        <translation>定时器</translation>
    </message>
    <message>
        <source>thread pool</source>
        <translation>线程池</translation>
    </message>
    <message>
        <source>Message loop</source>
        <translation>消息循环</translation>
    </message>
    <message>
        <source>This program has no message loop. Open an asyncio scenario from the Scenarios menu to see one.</source>
        <translation>这个程序没有消息循环。从“场景”菜单打开一个 asyncio 场景就能看到。</translation>
    </message>
    <message>
        <source>1 thread: the loop runs every task in turn</source>
        <translation>1 个线程：消息循环轮流运行每个任务</translation>
    </message>
    <message>
        <source>1 thread runs every task</source>
        <translation>1 个线程运行所有任务</translation>
    </message>
    <message>
        <source>turn {n}</source>
        <translation>第 {n} 轮</translation>
    </message>
    <message>
        <source>t = {time}</source>
        <translation>t = {time}</translation>
    </message>
    <message>
        <source>the loop is choosing the next message</source>
        <translation>消息循环正在挑选下一条消息</translation>
    </message>
    <message>
        <source>BLOCKED by {what} until {time}</source>
        <translation>被 {what} 阻塞，直到 {time}</translation>
    </message>
    <message>
        <source>running: {what}</source>
        <translation>正在运行：{what}</translation>
    </message>
    <message>
        <source>ready queue ({n})</source>
        <translation>就绪队列（{n}）</translation>
    </message>
    <message>
        <source>+{n} more</source>
        <translation>还有 {n} 个</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>IO side (kernel, network, disk): {n} in flight</source>
        <translation>IO 一侧（内核、网络、磁盘）：{n} 个请求进行中</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>还剩 {time}</translation>
    </message>
    <message>
        <source>IO side: {n} in flight</source>
        <translation>IO 一侧：{n} 个进行中</translation>
    </message>
    <message>
        <source>timer {label} at {time}</source>
        <translation>定时器 {label}，于 {time}</translation>
    </message>
</context>
<context>
    <name>Prediction</name>
    <message>
        <source>What value does {by} send into {gen}?</source>
        <translation>{by} 会把什么值发送给 {gen}？</translation>
    </message>
    <message>
        <source>{gen} has the message {value}. What does it yield back?</source>
        <translation>{gen} 拿到了消息 {value}。它会 yield 回什么？</translation>
    </message>
    <message>
        <source>What does {gen} yield back?</source>
        <translation>{gen} 会 yield 回什么？</translation>
    </message>
    <message>
        <source>Which side runs next?</source>
        <translation>接下来哪一方运行？</translation>
    </message>
    <message>
        <source>Which request completes next?</source>
        <translation>下一个完成的是哪个请求？</translation>
    </message>
    <message>
        <source>Which task does the loop run next?</source>
        <translation>消息循环接下来运行哪个任务？</translation>
    </message>
    <message>
        <source>Which thread runs next?</source>
        <translation>接下来哪个线程运行？</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>请预测</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>R or → reveals</source>
        <translation>按 R 或 → 揭晓</translation>
    </message>
    <message>
        <source>→ goes on</source>
        <translation>按 → 继续</translation>
    </message>
</context>
<context>
    <name>Scenario</name>
    <message>
        <source>Producer and consumer with generators (the seed&apos;s program)</source>
        <translation>用生成器实现的生产者-消费者（原文的程序）</translation>
    </message>
    <message>
        <source>Producer and consumer as two OS threads with a lock</source>
        <translation>用两个操作系统线程加锁实现的生产者-消费者</translation>
    </message>
    <message>
        <source>asyncio: fetch pages from four hosts at once</source>
        <translation>asyncio：同时从四台主机获取网页</translation>
    </message>
    <message>
        <source>asyncio: say_after, hello and world with timers</source>
        <translation>asyncio：say_after，用定时器说 hello 和 world</translation>
    </message>
    <message>
        <source>The mistake: a blocking call inside a coroutine</source>
        <translation>常见错误：在协程里调用阻塞函数</translation>
    </message>
</context>
<context>
    <name>ThreadState</name>
    <message>
        <source>new</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>blocked on IO</source>
        <translation>因 IO 阻塞</translation>
    </message>
    <message>
        <source>waiting for a lock</source>
        <translation>等待锁</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>new (not started)</source>
        <translation>新建（尚未启动）</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>ready (waiting for a CPU)</source>
        <translation>就绪（等待 CPU）</translation>
    </message>
    <message>
        <source>blocked on IO</source>
        <translation>因 IO 阻塞</translation>
    </message>
    <message>
        <source>waiting for a lock</source>
        <translation>等待锁</translation>
    </message>
    <message>
        <source>exited</source>
        <translation>已退出</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>event loop (coroutines)</source>
        <translation>事件循环（协程）</translation>
    </message>
    <message>
        <source>generators (1 thread)</source>
        <translation>生成器（1 个线程）</translation>
    </message>
    <message>
        <source>event loop</source>
        <translation>事件循环</translation>
    </message>
    <message>
        <source>generators</source>
        <translation>生成器</translation>
    </message>
    <message>
        <source>an IO completion</source>
        <translation>一次 IO 完成</translation>
    </message>
    <message>
        <source>woken by {who} at {t}</source>
        <translation>在 {t} 被 {who} 唤醒</translation>
    </message>
    <message>
        <source>{lane}: {state} for {duration} from {start}</source>
        <translation>{lane}：从 {start} 起{state}，持续 {duration}</translation>
    </message>
    <message>
        <source>{cpu}: running {thread}</source>
        <translation>{cpu}：正在运行 {thread}</translation>
    </message>
    <message>
        <source>on CPU {cpu}</source>
        <translation>在 CPU {cpu} 上</translation>
    </message>
    <message>
        <source>preempted</source>
        <translation>被抢占</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>阻塞</translation>
    </message>
    <message>
        <source>woken</source>
        <translation>被唤醒</translation>
    </message>
    <message>
        <source>yielded</source>
        <translation>主动让出</translation>
    </message>
    <message>
        <source>started</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>context switch on CPU {cpu} ({reason}): {out} → {into}, cost {cost}</source>
        <translation>CPU {cpu} 上的上下文切换（{reason}）：{out} → {into}，开销 {cost}</translation>
    </message>
    <message>
        <source>No threads in this run. Open a threaded program, or compare the models.</source>
        <translation>这次运行中没有线程。请打开一个多线程程序，或者比较各种模型。</translation>
    </message>
    <message>
        <source>Thread timeline</source>
        <translation>线程时间线</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Compare models</source>
        <translation>比较模型</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Export thread timeline (Chrome Trace)…</source>
        <translation>导出线程时间线（Chrome Trace）…</translation>
    </message>
    <message>
        <source>Save the thread timeline as JSON that Perfetto and chrome://tracing open</source>
        <translation>把线程时间线保存为 Perfetto 和 chrome://tracing 能打开的 JSON</translation>
    </message>
    <message>
        <source>Export thread timeline</source>
        <translation>导出线程时间线</translation>
    </message>
    <message>
        <source>Chrome Trace JSON (*.json)</source>
        <translation>Chrome Trace JSON (*.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>context switch</source>
        <translation>上下文切换</translation>
    </message>
    <message>
        <source>its cost</source>
        <translation>切换开销</translation>
    </message>
    <message>
        <source>Running: the thread has a CPU and executes (a solid bar).</source>
        <translation>运行中：线程占有 CPU 并在执行（实心条）。</translation>
    </message>
    <message>
        <source>Ready: it could run but waits for a free CPU (a thin bar).</source>
        <translation>就绪：可以运行，但在等待空闲的 CPU（细条）。</translation>
    </message>
    <message>
        <source>Blocked on IO: it waits for the disk or the network and uses no CPU (diagonal stripes).</source>
        <translation>因 IO 阻塞：在等待磁盘或网络，不占用 CPU（斜条纹）。</translation>
    </message>
    <message>
        <source>Waiting for a lock another thread holds (a framed cross-hatch).</source>
        <translation>等待另一个线程持有的锁（带边框的交叉网格）。</translation>
    </message>
    <message>
        <source>New: created, not started yet (a dotted line).</source>
        <translation>新建：已创建，尚未启动（虚线）。</translation>
    </message>
    <message>
        <source>A context switch: the CPU saves one thread and loads another. Hover a mark for who, why and its cost.</source>
        <translation>上下文切换：CPU 保存一个线程，载入另一个。把鼠标停在标记上可以看到是谁、为什么以及开销。</translation>
    </message>
    <message>
        <source>The time a switch costs (the kernel&apos;s work and refilling caches), drawn to scale and written on it when you zoom in.</source>
        <translation>一次切换的时间开销（内核的工作和重新填充缓存），按比例绘制，放大后直接写在标记旁。</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>Click a segment to see who woke it; hover for details.</source>
        <translation>点击一段可以看到是谁唤醒了它；鼠标悬停查看详情。</translation>
    </message>
    <message>
        <source>Click a segment to see who woke it.</source>
        <translation>点击一段可以看到是谁唤醒了它。</translation>
    </message>
    <message>
        <source>▲ 1 lane above</source>
        <translation>▲ 上方还有 1 条泳道</translation>
    </message>
    <message>
        <source>▲ {n} lanes above</source>
        <translation>▲ 上方还有 {n} 条泳道</translation>
    </message>
    <message>
        <source>▼ 1 lane below</source>
        <translation>▼ 下方还有 1 条泳道</translation>
    </message>
    <message>
        <source>▼ {n} lanes below</source>
        <translation>▼ 下方还有 {n} 条泳道</translation>
    </message>
    <message>
        <source>scroll: Shift+wheel or drag</source>
        <translation>滚动：Shift+滚轮或拖动</translation>
    </message>
</context>
<context>
    <name>TimelinePane</name>
    <message>
        <source>No threads in this run. Open a threaded program, or compare the models.</source>
        <translation>这次运行中没有线程。请打开一个多线程程序，或者比较各种模型。</translation>
    </message>
</context>
<context>
    <name>Transport</name>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Playback speed, from 0.1× to 10× ([ and ])</source>
        <translation>播放速度，从 0.1× 到 10×（[ 和 ]）</translation>
    </message>
    <message>
        <source>Dilation in virtual real time: one virtual second lasts this many seconds on screen</source>
        <translation>虚拟实时的放慢倍数：一秒虚拟时间在屏幕上持续这么多秒</translation>
    </message>
    <message>
        <source>The whole run. Marks: hand-offs (top), IO completions, output, errors. Click or drag to jump.</source>
        <translation>整个运行过程。标记：交接（最上面）、IO 完成、输出、错误。点击或拖动即可跳转。</translation>
    </message>
</context>
</TS>
