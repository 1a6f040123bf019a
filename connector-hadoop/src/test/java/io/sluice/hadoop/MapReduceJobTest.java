package io.sluice.hadoop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.hdfs.HdfsReadStatistics;
import io.sluice.hdfs.MiniHdfs;
import io.sluice.hdfs.MiniHdfsExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An unmodified MapReduce job (LocalJobRunner, Hadoop's own TextInputFormat) reading HDFS through
 * SluiceHdfsFileSystem: only {@code fs.hdfs.impl} is set. The job's answer must be right and its
 * reads must have been short-circuit reads served by Sluice.
 */
class MapReduceJobTest {
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.perClass(MiniHdfs.STANDARD);

  @Test
  void aWordCountJobReadsThroughSluice() throws Exception {
    Configuration conf = HDFS.hdfs().clientConfiguration();
    conf.set("fs.hdfs.impl", SluiceHdfsFileSystem.class.getName());
    conf.set("mapreduce.framework.name", "local");
    conf.set("mapreduce.cluster.local.dir", new java.io.File("target/mr-local").getAbsolutePath());
    Path input = new Path("/mr/in/words.txt");
    Path output = new Path("/mr/out");
    StringBuilder text = new StringBuilder();
    Map<String, Long> expected = new TreeMap<>();
    for (int line = 0; line < 20_000; line++) {
      String word = "w" + (line % 37);
      text.append(word).append(' ').append("common").append('\n');
      expected.merge(word, 1L, Long::sum);
      expected.merge("common", 1L, Long::sum);
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    FileSystem fs = FileSystem.get(URI.create(HDFS.hdfs().uri()), conf);
    assertInstanceOf(SluiceHdfsFileSystem.class, fs, "fs.hdfs.impl is all a job sets");
    try (FSDataOutputStream out = fs.create(input)) {
      out.write(bytes);
    }

    Job job = Job.getInstance(conf, "sluice word count");
    job.setJarByClass(MapReduceJobTest.class);
    job.setMapperClass(WordMapper.class);
    job.setReducerClass(SumReducer.class);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(LongWritable.class);
    job.setInputFormatClass(TextInputFormat.class);
    job.setOutputFormatClass(TextOutputFormat.class);
    FileInputFormat.addInputPath(job, new Path(HDFS.hdfs().uri() + input));
    FileOutputFormat.setOutputPath(job, new Path(HDFS.hdfs().uri() + output));
    assertTrue(job.waitForCompletion(false), "the job succeeds");

    Map<String, Long> counted = new TreeMap<>();
    for (FileStatus part : fs.listStatus(output, path -> path.getName().startsWith("part-"))) {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(part.getPath()), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          String[] fields = line.split("\t");
          counted.put(fields[0], Long.parseLong(fields[1]));
        }
      }
    }
    assertEquals(expected, counted);
    long hdfsBytesRead = job.getCounters().findCounter("hdfs", org.apache.hadoop.mapreduce.FileSystemCounter.BYTES_READ).getValue();
    assertTrue(hdfsBytesRead >= bytes.length, "the job counted its HDFS reads: " + hdfsBytesRead);
    // The job's tasks ran in this JVM with the cached FileSystem instance, so its statistics hold their reads.
    HdfsReadStatistics reads = ((SluiceHdfsFileSystem) fs).readStatistics();
    assertTrue(reads.shortCircuitBytesRead() >= bytes.length, "the input was read by short-circuit: " + reads);
    assertEquals(0, reads.remoteBytesRead(), "nothing came through the DataNode: " + reads);
  }

  public static final class WordMapper extends Mapper<LongWritable, Text, Text, LongWritable> {
    private static final LongWritable ONE = new LongWritable(1);
    private final Text word = new Text();

    @Override
    protected void map(LongWritable key, Text value, Context context) throws IOException, InterruptedException {
      for (String token : value.toString().split(" ")) {
        word.set(token);
        context.write(word, ONE);
      }
    }
  }

  public static final class SumReducer extends Reducer<Text, LongWritable, Text, LongWritable> {
    @Override
    protected void reduce(Text key, Iterable<LongWritable> values, Context context) throws IOException, InterruptedException {
      long sum = 0;
      for (LongWritable value : values) {
        sum += value.get();
      }
      context.write(key, new LongWritable(sum));
    }
  }
}
